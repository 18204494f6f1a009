/**
 * Badgr's Assertion on the wire: what a client sends to issue one and what it reads, over the engine's award. A
 * recipient is hashed as its hosted Open Badges assertion hashes it (`RecipientIdentity`: emails, telephones and
 * host ids hashed with a salt derived from the award's id, URLs in the clear).
 *
 * @since 0.1.0
 */
import {
  type Award,
  type BadgeDefinition,
  EvidenceText,
  HttpUrl,
  IsoTimestamp,
  Recipient,
  RecipientIdentity
} from "@badge-engine/core"
import { Schema } from "effect"
import { assertionPath, issuerPath } from "../../openbadges/v2/Paths.js"
import type { PublicUrl } from "../../PublicUrl.js"
import { openBadgeIdOf } from "./BadgeClassJson.js"
import { iso } from "./Json.js"

/** How Badgr names a recipient's identity. */
export const RecipientType = Schema.Literal("email", "url", "telephone", "id")

/** A piece of evidence. */
export const EvidenceJson = Schema.Struct({
  url: Schema.optional(Schema.NullOr(HttpUrl)),
  narrative: Schema.optional(Schema.NullOr(EvidenceText))
}).annotations({ identifier: "BadgrEvidence" })

/** What a client sends to issue an assertion; under an issuer it names the BadgeClass too. */
export const AssertionInput = Schema.Struct({
  badgeclass: Schema.optional(Schema.String),
  badgeclassOpenBadgeId: Schema.optional(Schema.String),
  recipient: Schema.Struct({
    identity: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(500)),
    type: Schema.optionalWith(RecipientType, { default: () => "email" as const }),
    hashed: Schema.optional(Schema.Boolean),
    plaintextIdentity: Schema.optional(Schema.String)
  }),
  issuedOn: Schema.optional(IsoTimestamp),
  narrative: Schema.optional(Schema.NullOr(EvidenceText)),
  evidence: Schema.optional(Schema.Array(EvidenceJson).pipe(Schema.maxItems(100))),
  expires: Schema.optional(Schema.NullOr(IsoTimestamp)),
  allowDuplicateAwards: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  notify: Schema.optional(Schema.Boolean),
  extensions: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}).annotations({ identifier: "BadgrAssertionInput" })

/** The body of a revocation: the reason is required. */
export const RevocationInput = Schema.Struct({
  revocation_reason: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(2000))
}).annotations({ identifier: "BadgrRevocation" })

/** An Assertion as Badgr prints it. */
export const AssertionJson = Schema.Struct({
  entityType: Schema.Literal("Assertion"),
  entityId: Schema.String,
  openBadgeId: Schema.String,
  createdAt: Schema.String,
  createdBy: Schema.NullOr(Schema.String),
  badgeclass: Schema.String,
  badgeclassOpenBadgeId: Schema.String,
  issuer: Schema.NullOr(Schema.String),
  issuerOpenBadgeId: Schema.NullOr(Schema.String),
  image: Schema.NullOr(Schema.String),
  recipient: Schema.Struct({
    identity: Schema.String,
    type: RecipientType,
    hashed: Schema.Boolean,
    salt: Schema.NullOr(Schema.String),
    plaintextIdentity: Schema.String
  }),
  issuedOn: Schema.String,
  narrative: Schema.NullOr(Schema.String),
  evidence: Schema.Array(Schema.Struct({ url: Schema.NullOr(Schema.String), narrative: Schema.NullOr(Schema.String) })),
  revoked: Schema.Boolean,
  revocationReason: Schema.NullOr(Schema.String),
  expires: Schema.NullOr(Schema.String),
  extensions: Schema.Record({ key: Schema.String, value: Schema.Unknown })
}).annotations({ identifier: "BadgrAssertion" })

/** The engine's recipient of a Badgr recipient. */
export const recipientOf = (identity: string, type: typeof RecipientType.Type): Recipient =>
  new Recipient({ kind: type, value: identity })

/** The openBadgeId of an award on this server. */
export const assertionIdOf = (id: string, urls: PublicUrl["Type"]): string => urls.to(assertionPath(id))

/** An award as Badgr prints an Assertion, with the definition it is of and its recipient's salt. */
export const assertionJson = (
  award: Award,
  definition: BadgeDefinition,
  urls: PublicUrl["Type"],
  saltOf: (awardId: string) => string
): typeof AssertionJson.Type => {
  const { hashed, identity, salt, type } = RecipientIdentity.identityOf(award.recipient, saltOf(award.id))
  return {
    entityType: "Assertion",
    entityId: award.id,
    openBadgeId: assertionIdOf(award.id, urls),
    createdAt: iso(award.awardedAt),
    createdBy: award.awardedBy,
    badgeclass: definition.id,
    badgeclassOpenBadgeId: openBadgeIdOf(definition.id, urls),
    issuer: definition.issuerId ?? null,
    issuerOpenBadgeId: definition.issuerId === undefined ? null : urls.to(issuerPath(definition.issuerId)),
    image: definition.imageUrl ?? null,
    recipient: {
      identity,
      type,
      hashed,
      salt: salt ?? null,
      plaintextIdentity: award.recipient.value
    },
    issuedOn: iso(award.awardedAt),
    narrative: award.narrative ?? null,
    evidence: award.evidence.map((one) => ({ url: one.url ?? null, narrative: one.narrative ?? null })),
    revoked: award.revokedAt !== undefined,
    revocationReason: award.revocationReason ?? null,
    expires: award.expiresAt === undefined ? null : iso(award.expiresAt),
    extensions: {}
  }
}
