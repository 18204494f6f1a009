/**
 * Where Open Badges 2.0 documents are hosted on this server: every `id` in them is one of these, absolute on the
 * public URL, and so are the `openBadgeId`s Badgr prints.
 *
 * @since 0.1.0
 */

/** The prefixes of the hosted documents. */
export const prefixes = {
  assertions: "/public/assertions",
  badges: "/public/badges",
  issuers: "/public/issuers"
} as const

const under = (prefix: string, id: string): string => `${prefix}/${encodeURIComponent(id)}`

/** An award's hosted assertion. */
export const assertionPath = (awardId: string): string => under(prefixes.assertions, awardId)

/** An award's badge image with its assertion baked in. */
export const assertionImagePath = (awardId: string): string => `${assertionPath(awardId)}/image`

/** A definition's BadgeClass. */
export const badgePath = (definitionId: string): string => under(prefixes.badges, definitionId)

/** An issuer's (or an organisation's) Profile. */
export const issuerPath = (profileId: string): string => under(prefixes.issuers, profileId)
