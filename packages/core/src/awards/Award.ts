/**
 * Awards: a badge earned by a recipient (v1's earned badge, Badgr's assertion, BadgeFed's badge record).
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { EvidenceText, HttpUrl, Text } from "../Fields.js"
import { ActivityId, AwardId, BadgeDefinitionId, ClaimCodeId, GrantId, OrganisationId } from "../Ids.js"

/** How a recipient is identified: v1's `peer_mentor_id` is kind `id`; Badgr's telephone is `telephone`. */
export const RecipientKind = Schema.Literal("id", "email", "url", "profile", "telephone")
/** @since 0.1.0 */
export type RecipientKind = typeof RecipientKind.Type

/** The person an award is for. */
export class Recipient extends Schema.Class<Recipient>("Recipient")({
  kind: RecipientKind,
  value: Text.pipe(Schema.minLength(1), Schema.maxLength(500)),
  name: Schema.optional(Text.pipe(Schema.maxLength(255)))
}) {
  /** A recipient identified by the host app's id. */
  static byId(id: string): Recipient {
    return new Recipient({ kind: "id", value: id })
  }

  /**
   * A recipient of an id checked before (an activity's recipient id, a stored award's): made without validating it
   * again, where one is made per activity recorded. Validating costs more than the rest of making an award.
   */
  static byCheckedId(id: string): Recipient {
    return new Recipient({ kind: "id", value: id }, { disableValidation: true })
  }

  /** The {@link key} of the recipient of a host app's id, without making the recipient. */
  static keyOfId(id: string): string {
    return `id:${id}`
  }

  /** The identity two awards share when they are for the same person: emails compare without case. */
  get key(): string {
    return `${this.kind}:${this.kind === "email" ? this.value.toLowerCase() : this.value}`
  }
}

/** A piece of evidence: a link, a narrative or both. */
export class Evidence extends Schema.Class<Evidence>("Evidence")({
  url: Schema.optional(HttpUrl),
  narrative: Schema.optional(EvidenceText)
}) {}

/** What made an award. */
export const AwardSource = Schema.Literal("rule", "manual", "grant", "claim")
/** @since 0.1.0 */
export type AwardSource = typeof AwardSource.Type

/** An award. It is live until it is revoked or expires; revoking keeps the record. */
export class Award extends Schema.Class<Award>("Award")({
  id: AwardId,
  serial: Schema.Int,
  organisationId: OrganisationId,
  definitionId: BadgeDefinitionId,
  recipient: Recipient,
  awardedAt: Schema.DateTimeUtcFromSelf,
  awardedBy: Text.pipe(Schema.minLength(1), Schema.maxLength(255)),
  source: AwardSource,
  evidence: Schema.Array(Evidence),
  narrative: Schema.optional(EvidenceText),
  expiresAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  revokedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  revocationReason: Schema.optional(Text.pipe(Schema.maxLength(2000))),
  ruleVersion: Schema.optional(Schema.Int),
  activityId: Schema.optional(ActivityId),
  grantId: Schema.optional(GrantId),
  claimCodeId: Schema.optional(ClaimCodeId)
}) {
  /** Live: not revoked and not expired at `now`. */
  isLiveAt(now: DateTime.Utc): boolean {
    return this.revokedAt === undefined && (this.expiresAt === undefined || DateTime.greaterThan(this.expiresAt, now))
  }
}

/** An award about to be stored: everything but the serial, which the database assigns. */
export type NewAward = Omit<Award, "serial" | "revokedAt" | "revocationReason" | "isLiveAt">

/** The expiry an award gets from its definition's validity period, if it has one. */
export const expiryOf = (definition: BadgeDefinition, awardedAt: DateTime.Utc): DateTime.Utc | undefined =>
  definition.validityDays === undefined ? undefined : DateTime.add(awardedAt, { days: definition.validityDays })

/** What makes one award of a definition: the rest comes from the definition. */
export type AwardFields = Omit<NewAward, "organisationId" | "definitionId" | "evidence" | "expiresAt"> & {
  readonly evidence?: ReadonlyArray<Evidence> | undefined
  /** Overrides the expiry the definition's validity period gives. */
  readonly expiresAt?: DateTime.Utc | undefined
}

/** A new award of a definition, not yet stored: in its organisation, expiring as its validity period says. */
export const awardOf = (definition: BadgeDefinition, fields: AwardFields): NewAward => ({
  ...fields,
  organisationId: definition.organisationId,
  definitionId: definition.id,
  evidence: fields.evidence ?? [],
  expiresAt: fields.expiresAt ?? expiryOf(definition, fields.awardedAt)
})

/** Which awards a listing returns. */
export interface AwardFilter {
  readonly organisationId?: OrganisationId | undefined
  readonly definitionId?: BadgeDefinitionId | undefined
  readonly recipient?: Recipient | undefined
  /** Include revoked and expired awards (default: live only). */
  readonly includeInactive?: boolean | undefined
  /** Any of these definitions (beside `definitionId`). */
  readonly definitionIds?: ReadonlyArray<BadgeDefinitionId> | undefined
  /** Any of these recipients (beside `recipient`). */
  readonly recipients?: ReadonlyArray<Recipient> | undefined
  /** Include revoked awards, when `includeInactive` is not set. */
  readonly includeRevoked?: boolean | undefined
  /** Include expired awards, when `includeInactive` is not set. */
  readonly includeExpired?: boolean | undefined
  /** Only awards with a serial past this one: keyset paging that stays flat at depth. */
  readonly afterSerial?: number | undefined
  /** Only awards with a serial before this one, the nearest first (with `newestFirst`): a previous page. */
  readonly beforeSerial?: number | undefined
  /** Order by serial from the newest (default: the oldest first). */
  readonly newestFirst?: boolean | undefined
}
