/**
 * An award's public badge page, and the parts of it the accept pages share: the badge's image and dates told in
 * the issuing organisation's time zone.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition, Organisation, PublicBadges } from "@badge-engine/core"
import { DateTime } from "effect"
import { uploadedHash } from "../openbadges/Baking.js"
import { assertionImagePath, assertionPath } from "../openbadges/v2/Paths.js"
import * as Verification from "../openbadges/v2/Verification.js"
import { credentialImagePath, credentialPath } from "../openbadges/v3/Paths.js"
import type { PublicUrl } from "../PublicUrl.js"
import { type Html, html, page } from "./Html.js"

/** The badge's image with its alt text, when the definition has one. */
export const badgeImage = (definition: BadgeDefinition): Html | undefined =>
  definition.imageUrl === undefined ?
    undefined :
    html`<img class="badge" src="${definition.imageUrl}" alt="${
      definition.imageAltText ?? `The ${definition.name} badge`
    }" width="160" height="160">`

/** A day as the organisation counts it, e.g. "10 March 2026", in a `<time>` element. */
export const day = (at: DateTime.Utc, organisation: Organisation): Html => {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: organisation.timezone })
  return html`<time datetime="${DateTime.formatIso(at)}">${format.format(DateTime.toDate(at))}</time>`
}

const stateNotice = (published: PublicBadges.PublishedAward): Html | undefined => {
  const { award, issuer, organisation } = published
  switch (published.status) {
    case "revoked":
      return html`<p class="notice notice-stop"><strong>Revoked.</strong> ${issuer.name} revoked this badge:
it is no longer valid.</p>`
    case "expired":
      return html`<p class="notice notice-warn"><strong>Expired.</strong> This badge expired on ${
        award.expiresAt === undefined ? "an earlier date" : day(award.expiresAt, organisation)
      }.</p>`
    case "live":
      return undefined
  }
}

/** The server's verdict on the hosted assertion: a mark when it verifies, a warning when a check besides status fails. */
const verifiedMark = (published: PublicBadges.PublishedAward, outcome: Verification.Outcome): Html | undefined =>
  outcome.verified
    ? html`<p class="notice notice-ok" data-verified="true"><strong>\u2713 Verified.</strong> ${published.issuer.name}
issued this badge and it is valid today: checked against its hosted Open Badges assertion.</p>`
    : published.status === "live"
    ? html`<p class="notice notice-stop" data-verified="false"><strong>Not verified.</strong> This badge's hosted
Open Badges assertion does not check out.</p>`
    : undefined

/** Who the award is for, as far as it is public: a name, else a profile, else nothing that identifies them. */
const recipientOf = ({ award }: PublicBadges.PublishedAward): string => {
  const { kind, name, value } = award.recipient
  return name ?? (kind === "profile" || kind === "url" ? value : "Not published")
}

/** Where the page links its machine-readable forms: paths as the browser reads them. */
export interface BadgeLinks {
  readonly assertion: string
  readonly bakedImage: string | undefined
  readonly credential: string
  readonly credentialImage: string
}

/** The badge page of an award: what was earned, by whom, from whom, when, whether it holds, and its JSON forms. */
export const badgePage = (
  published: PublicBadges.PublishedAward,
  outcome: Verification.Outcome,
  links: BadgeLinks
) => {
  const { award, definition, issuer, organisation } = published
  const recipientName = award.recipient.name
  const title = recipientName === undefined
    ? `${definition.name} · ${issuer.name}`
    : `${definition.name}, awarded to ${recipientName}`
  return page(
    200,
    title,
    html`<p class="lead">A badge from ${issuer.name}</p>
<h1>${definition.name}</h1>
${verifiedMark(published, outcome)}
${stateNotice(published)}
${badgeImage(definition)}
${definition.description.trim() !== "" && html`<p class="text">${definition.description}</p>`}
<dl>
<dt>Awarded to</dt><dd>${recipientOf(published)}</dd>
<dt>Issued by</dt><dd>${issuer.name}</dd>
<dt>Issued on</dt><dd>${day(award.awardedAt, organisation)}</dd>
${
      published.status === "live" && award.expiresAt !== undefined &&
      html`<dt>Valid until</dt><dd>${day(award.expiresAt, organisation)}</dd>`
    }
</dl>
<ul class="links">
<li><a href="${links.assertion}">Open Badges 2.0 assertion (JSON)</a></li>
${
      links.bakedImage !== undefined &&
      html`<li><a href="${links.bakedImage}">Badge image with the assertion baked in</a></li>`
    }
<li><a href="${links.credential}">Open Badges 3.0 credential (JSON)</a></li>
<li><a href="${links.credentialImage}">Badge image with the credential baked in</a></li>
</ul>`
  )
}

/**
 * An award's badge page, verified by the server (its recipient hashed with the award's `salt`), linking its 2.0 and
 * 3.0 forms under the public URL's path (a credential is baked into any badge's image, so that link is always there).
 */
export const awardPage = (published: PublicBadges.PublishedAward, urls: PublicUrl["Type"], salt: string) =>
  badgePage(published, Verification.verify(published, urls, salt), {
    assertion: `${urls.path}${assertionPath(published.award.id)}.json`,
    bakedImage: uploadedHash(published.definition.imageUrl) === undefined
      ? undefined
      : `${urls.path}${assertionImagePath(published.award.id)}`,
    credential: `${urls.path}${credentialPath(published.award.id)}`,
    credentialImage: `${urls.path}${credentialImagePath(published.award.id)}`
  })
