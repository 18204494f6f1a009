/**
 * The rows of awards, declared once as Schemas. The recipient takes three columns, and two more keep the database's
 * constraints: `unique_slot` (one live award per recipient of a unique definition) and `once_key`.
 */
import {
  ActivityId,
  Award,
  AwardId,
  AwardSource,
  BadgeDefinitionId,
  ClaimCodeId,
  Evidence,
  GrantId,
  type NewAward,
  OrganisationId,
  Recipient,
  RecipientKind
} from "@badge-engine/core"
import { Schema, Struct } from "effect"
import { column, Integer, Json, nullable, nullableColumn, Timestamp, timestamp, trusted } from "./codecs.js"

const columns = {
  id: AwardId,
  serial: Integer,
  organisationId: column("organisation_id", OrganisationId),
  definitionId: column("definition_id", BadgeDefinitionId),
  recipientKind: column("recipient_kind", RecipientKind),
  recipientValue: column("recipient_value", Schema.String),
  recipientName: nullableColumn("recipient_name", Schema.String),
  awardedAt: column("awarded_at", Timestamp),
  awardedBy: column("awarded_by", Schema.String),
  source: AwardSource,
  evidence: Json(Schema.Array(Schema.Struct(Evidence.fields))),
  narrative: nullable(Schema.String),
  expiresAt: nullableColumn("expires_at", Timestamp),
  revokedAt: nullableColumn("revoked_at", Timestamp),
  revocationReason: nullableColumn("revocation_reason", Schema.String),
  ruleVersion: nullableColumn("rule_version", Integer),
  activityId: nullableColumn("activity_id", ActivityId),
  grantId: nullableColumn("grant_id", GrantId),
  claimCodeId: nullableColumn("claim_code_id", ClaimCodeId)
}

/** An award's row. */
export const AwardRow = Schema.transform(Schema.Struct(columns), Schema.instanceOf(Award), {
  strict: true,
  decode: ({ recipientKind, recipientName, recipientValue, ...fields }) =>
    new Award({
      ...fields,
      recipient: new Recipient({ kind: recipientKind, value: recipientValue, name: recipientName }, trusted)
    }, trusted),
  encode: ({ recipient, ...fields }) => ({
    ...fields,
    recipientKind: recipient.kind,
    recipientValue: recipient.value,
    recipientName: recipient.name
  })
})

/** The columns of a new award: the database assigns the serial; the recipient's key and the constraint keys. */
export const AwardInsert = Schema.Struct({
  ...Struct.omit(columns, "serial", "revokedAt", "revocationReason"),
  recipientKey: column("recipient_key", Schema.String),
  uniqueSlot: nullableColumn("unique_slot", Schema.String),
  onceKey: nullableColumn("once_key", Schema.String)
})

const encodeInsert = Schema.encodeSync(AwardInsert)

/** The row of a new award; `uniqueSlot` holds the recipient's key when the definition is unique. */
export const awardInsertRow = (award: NewAward, uniqueSlot: string | undefined, onceKey: string | undefined) => {
  const { recipient, ...fields } = award
  return encodeInsert({
    ...fields,
    recipientKind: recipient.kind,
    recipientValue: recipient.value,
    recipientName: recipient.name,
    recipientKey: recipient.key,
    uniqueSlot,
    onceKey
  })
}

const encodeEvidence = Schema.encodeSync(columns.evidence)

/**
 * The same row as {@link awardInsertRow}, written column by column without checking the award's fields again: for
 * awards the engine made itself (a rule's, from a definition and a recipient it stores), in bulk, where encoding
 * through the schema would cost more than the insert (about a hundred microseconds an award). A test holds it
 * equal to the schema's row. Awards made together mostly share one instant: give its text as `awardedAt` to format
 * it once.
 */
export const madeAwardRow = (
  award: NewAward,
  uniqueSlot: string | undefined,
  onceKey: string | undefined,
  awardedAt = timestamp(award.awardedAt)
) => ({
  id: award.id,
  organisation_id: award.organisationId,
  definition_id: award.definitionId,
  recipient_kind: award.recipient.kind,
  recipient_value: award.recipient.value,
  recipient_name: award.recipient.name ?? null,
  awarded_at: awardedAt,
  awarded_by: award.awardedBy,
  source: award.source,
  evidence: award.evidence.length === 0 ? "[]" : encodeEvidence(award.evidence),
  narrative: award.narrative ?? null,
  expires_at: award.expiresAt === undefined ? null : timestamp(award.expiresAt),
  rule_version: award.ruleVersion ?? null,
  activity_id: award.activityId ?? null,
  grant_id: award.grantId ?? null,
  claim_code_id: award.claimCodeId ?? null,
  recipient_key: award.recipient.key,
  unique_slot: uniqueSlot ?? null,
  once_key: onceKey ?? null
})

/** The key and serial of an award just inserted. */
export const InsertedRow = Schema.Struct({ id: AwardId, serial: Integer })

const decodeInserted = Schema.decodeUnknownSync(InsertedRow)

/**
 * An {@link InsertedRow} read field by field, for inserts of hundreds of awards at once; a row it does not take goes
 * through the schema, which refuses it with its usual error.
 */
export const readInserted = (row: unknown): typeof InsertedRow.Type => {
  const { id, serial } = row as Record<string, unknown>
  const n = typeof serial === "number" ? serial : typeof serial === "string" ? Number(serial) : Number.NaN
  return typeof id === "string" && id.length > 0 && id.length <= 100 && !id.includes("\u0000") && Number.isFinite(n)
    ? { id: id as AwardId, serial: n }
    : decodeInserted(row)
}

/**
 * The award an insert stored: the one given, with the serial the database assigned. Its row is what
 * {@link awardInsertRow} wrote and reads back the same, so it is not read again.
 */
export const inserted = (award: NewAward, serial: number): Award => new Award({ ...award, serial }, trusted)

/** A recipient's key and a definition they hold. */
export const HeldRow = Schema.Struct({
  recipientKey: column("recipient_key", Schema.String),
  definitionId: column("definition_id", BadgeDefinitionId)
})

/** An award's once-only key. */
export const OnceKeyRow = Schema.Struct({ onceKey: column("once_key", Schema.String) })

/** A capped definition's places left. */
export const PlacesLeftRow = Schema.Struct({ id: BadgeDefinitionId, placesLeft: column("places_left", Integer) })

/** A definition's count of live awards. */
export const EarnedRow = Schema.Struct({
  definitionId: column("definition_id", BadgeDefinitionId),
  total: Integer
})
