/**
 * The Open Badges 2.0 documents of the engine's records: an award as a hosted Assertion, a definition as a
 * BadgeClass (from the achievement every version shares) and an issuer as a Profile. Every `id` is the document's
 * own URL on this server, so a verifier checks it by fetching it (hosted verification).
 *
 * @since 0.1.0
 */
import { Achievement, type IssuerProfile, type PublicBadges, RecipientIdentity } from "@badge-engine/core"
import { DateTime } from "effect"
import type { PublicUrl } from "../../PublicUrl.js"
import { assertionImagePath, assertionPath, badgePath, issuerPath } from "./Paths.js"

type Urls = PublicUrl["Type"]

/** The Open Badges 2.0 JSON-LD context. */
export const context = "https://w3id.org/openbadges/v2"

/** A JSON-LD document: what the server answers. */
export type Document = Readonly<Record<string, unknown>>

/** Leaves out the fields that have no value, as JSON-LD does with `null`. */
const defined = (fields: Record<string, unknown>): Document =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))

const iso = (instant: DateTime.Utc): string => DateTime.formatIso(instant)

/**
 * The 2.0 recipient type: an identity property the context maps (`email`, `url`, `telephone`), and for the host
 * app's id schema.org's `identifier`, as an absolute IRI, since the 2.0 context has no term for it.
 */
const recipientType = (type: RecipientIdentity.IdentityType): string =>
  type === "id" ? "http://schema.org/identifier" : type

/** An issuer's Profile (`type: Issuer`). */
export const profile = (issuer: IssuerProfile.IssuerProfile, urls: Urls): Document =>
  defined({
    "@context": context,
    type: "Issuer",
    id: urls.to(issuerPath(issuer.id)),
    name: issuer.name,
    url: issuer.url ?? urls.base,
    email: issuer.email,
    description: issuer.description,
    image: issuer.image
  })

/** A definition's BadgeClass: the shared achievement under 2.0's names, its issuer by URL. */
export const badgeClass = ({ definition, issuer }: PublicBadges.PublishedBadge, urls: Urls): Document => {
  const achievement = Achievement.achievementOf(definition)
  return defined({
    "@context": context,
    type: "BadgeClass",
    id: urls.to(badgePath(definition.id)),
    name: achievement.name,
    description: achievement.description,
    image: achievement.image,
    criteria: defined({ id: achievement.criteria.id, narrative: achievement.criteria.narrative }),
    issuer: urls.to(issuerPath(issuer.id)),
    tags: achievement.tags,
    alignment: achievement.alignment
  })
}

/**
 * An award's hosted Assertion, its recipient hashed with the award's secret salt; its image is the badge's, baked
 * with it, when the badge has one.
 */
export const assertion = ({ award, definition }: PublicBadges.PublishedAward, urls: Urls, salt: string): Document => {
  const recipient = RecipientIdentity.identityOf(award.recipient, salt)
  return defined({
    "@context": context,
    type: "Assertion",
    id: urls.to(assertionPath(award.id)),
    recipient: defined({
      type: recipientType(recipient.type),
      hashed: recipient.hashed,
      salt: recipient.salt,
      identity: recipient.identity
    }),
    badge: urls.to(badgePath(definition.id)),
    verification: { type: "hosted" },
    issuedOn: iso(award.awardedAt),
    expires: award.expiresAt === undefined ? undefined : iso(award.expiresAt),
    image: definition.imageUrl === undefined ? undefined : urls.to(assertionImagePath(award.id)),
    evidence: award.evidence.length === 0
      ? undefined
      : award.evidence.map((one) => defined({ type: "Evidence", id: one.url, narrative: one.narrative })),
    narrative: award.narrative
  })
}

/** What a revoked assertion's URL answers, with 410 Gone. */
export const revoked = ({ award }: PublicBadges.PublishedAward, urls: Urls): Document =>
  defined({
    "@context": context,
    id: urls.to(assertionPath(award.id)),
    revoked: true,
    revocationReason: award.revocationReason
  })
