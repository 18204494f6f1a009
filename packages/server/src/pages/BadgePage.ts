/**
 * An award's public badge page, and the parts of it the accept pages share: the badge's image and dates told in
 * the issuing organisation's time zone.
 *
 * @since 0.1.0
 */
import type { Awards, BadgeDefinition, Organisation } from "@badge-engine/core"
import { DateTime } from "effect"
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

const stateNotice = (view: Awards.AwardView, organisation: Organisation): Html | undefined => {
  switch (view.status) {
    case "revoked":
      return html`<p class="notice notice-stop"><strong>Revoked.</strong> ${organisation.name} revoked this badge:
it is no longer valid.</p>`
    case "expired":
      return html`<p class="notice notice-warn"><strong>Expired.</strong> This badge expired on ${
        view.expiresAt === undefined ? "an earlier date" : day(view.expiresAt, organisation)
      }.</p>`
    case "live":
      return undefined
  }
}

/** Who the award is for, as far as it is public: a name, else a profile, else nothing that identifies them. */
const recipientOf = (view: Awards.AwardView): string => view.recipientName ?? view.recipientProfile ?? "Not published"

/** The badge page of an award: what was earned, by whom, from whom, when, and whether it still holds. */
export const badgePage = (view: Awards.AwardView, organisation: Organisation) => {
  const { definition } = view
  const title = view.recipientName === undefined
    ? `${definition.name} · ${organisation.name}`
    : `${definition.name}, awarded to ${view.recipientName}`
  return page(
    200,
    title,
    html`<p class="lead">A badge from ${organisation.name}</p>
<h1>${definition.name}</h1>
${stateNotice(view, organisation)}
${badgeImage(definition)}
${definition.description.trim() !== "" && html`<p class="text">${definition.description}</p>`}
<dl>
<dt>Awarded to</dt><dd>${recipientOf(view)}</dd>
<dt>Issued by</dt><dd>${organisation.name}</dd>
<dt>Issued on</dt><dd>${day(view.awardedAt, organisation)}</dd>
${
      view.status === "live" && view.expiresAt !== undefined &&
      html`<dt>Valid until</dt><dd>${day(view.expiresAt, organisation)}</dd>`
    }
</dl>`
  )
}
