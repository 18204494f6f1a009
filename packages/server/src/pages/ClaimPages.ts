/**
 * The pages of a claim link (`/claim/{code}`): the badge with a form asking for an email and a name, the
 * confirmation, and what the link shows once the code cannot be redeemed.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition, ClaimCodeUnavailable, Organisation } from "@badge-engine/core"
import { badgeImage } from "./BadgePage.js"
import * as Csrf from "./Csrf.js"
import { html, page } from "./Html.js"
import { badgePath } from "./PagesApi.js"

/** What every claim page shows: the badge and who issues it. */
export interface Claim {
  readonly definition: BadgeDefinition
  readonly organisation: Organisation
  /** The public URL's path (`""`, or a proxy's prefix), which the pages' links start with. */
  readonly root: string
}

/** What the person typed, kept when the form is shown again, with what was wrong with it. */
export interface Entered {
  readonly email: string
  readonly name: string
  readonly problem?: string | undefined
}

const badge = ({ definition, organisation }: Claim) =>
  html`<h1>${definition.name}</h1>
${badgeImage(definition)}
${definition.description.trim() !== "" && html`<p class="text">${definition.description}</p>`}
<dl>
<dt>Issued by</dt><dd>${organisation.name}</dd>
</dl>`

/** The badge and the form: email and name, posted with the CSRF token; 400 when shown again for a problem. */
export const form = (claim: Claim, token: string, entered: Entered = { email: "", name: "" }) =>
  page(
    entered.problem !== undefined ? 400 : 200,
    `Claim your badge: ${claim.definition.name}`,
    html`<p class="lead">${claim.organisation.name} offers you a badge</p>
${badge(claim)}
${entered.problem !== undefined && html`<p class="notice notice-stop" role="alert" id="problem">${entered.problem}</p>`}
<form method="post">
<input type="hidden" name="${Csrf.fieldName}" value="${token}">
<label for="email">Your email address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${entered.email}">
<label for="name">Your name, as the badge shows it</label>
<input id="name" name="name" type="text" autocomplete="name" required maxlength="255" value="${entered.name}">
<button type="submit">Claim badge</button>
</form>`
  )

/** The confirmation, once the award is made, with the link to its badge page. */
export const claimed = ({ definition, organisation, root }: Claim, name: string, awardId: string) =>
  page(
    200,
    `You claimed ${definition.name}`,
    html`<p class="notice notice-ok" role="status">Done: the badge is yours.</p>
<h1>You claimed ${definition.name}</h1>
${badgeImage(definition)}
<p>${organisation.name} awarded ${definition.name} to ${name}.
Its badge page shows it to anyone you share the link with.</p>
<p><a href="${root}${badgePath(awardId)}">View your badge page</a></p>`
  )

/** Why a code gives no badge now, as the page says it. */
export type Refusal = Exclude<ClaimCodeUnavailable["reason"], "unknown"> | "held" | "limit" | "inactive"

const refusals: Record<Refusal, { status: number; title: string; text: string }> = {
  expired: { status: 410, title: "This code has expired", text: "The time to claim this badge with it is over." },
  archived: { status: 410, title: "This code is no longer valid", text: "It can no longer be used." },
  disabled: { status: 409, title: "This code is turned off", text: "It can't be used at the moment." },
  exhausted: { status: 409, title: "This code has been used up", text: "All the badges it gives have been claimed." },
  held: {
    status: 409,
    title: "This badge was already claimed",
    text: "This email address already claimed this badge, so it cannot be awarded to it a second time."
  },
  limit: { status: 409, title: "This badge can't be claimed", text: "All the awards of this badge have been given." },
  inactive: { status: 410, title: "This badge can't be claimed", text: "This badge is no longer being awarded." }
}

/** A code that gives no badge now: says which, and makes no award. */
export const refused = ({ definition, organisation }: Claim, refusal: Refusal) => {
  const { status, text, title } = refusals[refusal]
  return page(
    status,
    `${title}: ${definition.name}`,
    html`<h1>${title}</h1>
<p>${text} The code was for ${definition.name} from ${organisation.name}. If you have questions, please contact
${organisation.name}.</p>`
  )
}
