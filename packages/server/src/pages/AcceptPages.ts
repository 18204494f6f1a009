/**
 * The pages of a grant's accept link: the offer with its Accept button, the confirmation, and what the link shows
 * once the grant was accepted, withdrawn, or cannot be accepted.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition, Grant, Organisation } from "@badge-engine/core"
import { badgeImage } from "./BadgePage.js"
import * as Csrf from "./Csrf.js"
import { type Html, html, page } from "./Html.js"
import { badgePath } from "./PagesApi.js"

/** What every accept page shows: the grant, what it offers and who offers it. */
export interface Offer {
  readonly grant: Grant
  readonly definition: BadgeDefinition
  readonly organisation: Organisation
  /** The public URL's path (`""`, or a proxy's prefix such as `/badges`), which the pages' links start with. */
  readonly root: string
}

/** The person the grant is for, as the offer names them: the key's holder sees their own email or profile. */
const recipientOf = (grant: Grant): string => grant.name ?? grant.email ?? grant.profileUri ?? ""

const badgeLink = (root: string, awardId: string | undefined): Html | false =>
  awardId !== undefined && html`<p><a href="${root}${badgePath(awardId)}">View your badge page</a></p>`

/** The offer: the badge, who offers it to whom and why, and the Accept button posting the form with its token. */
export const offer = ({ definition, grant, organisation }: Offer, token: string) =>
  page(
    200,
    `Accept your badge: ${definition.name}`,
    html`<p class="lead">${organisation.name} offers you a badge</p>
<h1>${definition.name}</h1>
${badgeImage(definition)}
${definition.description.trim() !== "" && html`<p class="text">${definition.description}</p>`}
<dl>
<dt>Issued by</dt><dd>${organisation.name}</dd>
<dt>Awarded to</dt><dd>${recipientOf(grant)}</dd>
${grant.evidence !== undefined && grant.evidence.trim() !== "" && html`<dt>Evidence</dt><dd>${grant.evidence}</dd>`}
</dl>
<form method="post">
<input type="hidden" name="${Csrf.fieldName}" value="${token}">
<button type="submit">Accept badge</button>
</form>`
  )

/** The confirmation, once the award is made, with the link to its badge page. */
export const accepted = ({ definition, grant, organisation, root }: Offer, awardId: string) =>
  page(
    200,
    `You accepted ${definition.name}`,
    html`<p class="notice notice-ok" role="status">Done: the badge is yours.</p>
<h1>You accepted ${definition.name}</h1>
${badgeImage(definition)}
<p>${organisation.name} awarded ${definition.name} to ${recipientOf(grant)}.
Its badge page shows it to anyone you share the link with.</p>
${badgeLink(root, awardId)}`
  )

/** The link opened again after the grant was accepted. */
export const alreadyAccepted = ({ definition, grant, organisation, root }: Offer) =>
  page(
    200,
    `Already accepted: ${definition.name}`,
    html`<h1>You already accepted this badge</h1>
${badgeImage(definition)}
<p>${definition.name} from ${organisation.name} is already yours: there is nothing more to do.</p>
${badgeLink(root, grant.awardId)}`
  )

/** The grant was withdrawn, before it was accepted or after: worded for both. */
export const withdrawn = ({ definition, organisation }: Offer) =>
  page(
    410,
    "This badge is no longer available",
    html`<h1>This badge is no longer available</h1>
<p>${definition.name} from ${organisation.name} can no longer be accepted or viewed through this link. If you think
this is a mistake, please contact ${organisation.name}.</p>`
  )

/** Why a pending grant could not be accepted now, from the award it would have made. */
export type Refusal = "held" | "limit" | "inactive"

const refusals: Record<Refusal, string> = {
  held: "You already hold this badge, so it cannot be awarded to you a second time.",
  limit: "All the awards of this badge have been given.",
  inactive: "This badge is no longer being awarded."
}

/** A pending grant whose award was refused: the badge's own limits, not the link, stand in the way. */
export const refusedAward = ({ definition, organisation }: Offer, refusal: Refusal) =>
  page(
    409,
    `This badge can't be accepted: ${definition.name}`,
    html`<h1>This badge can't be accepted</h1>
<p>${refusals[refusal]} If you have questions, please contact ${organisation.name}.</p>`
  )
