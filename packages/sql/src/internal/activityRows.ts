/**
 * The rows of activities and of the per-recipient aggregates they feed, declared once as Schemas.
 */
import { Activity, ActivityId, Attributes, OrganisationId } from "@badge-engine/core"
import { type DateTime, Schema } from "effect"
import { column, entityRow, Integer, Json, nullable, nullableColumn, Timestamp, timestamp } from "./codecs.js"

/** An activity's row. */
export const ActivityRow = entityRow(Activity, {
  id: ActivityId,
  organisationId: column("organisation_id", OrganisationId),
  recipientId: column("recipient_id", Schema.String),
  type: Schema.String,
  occurredAt: column("occurred_at", Timestamp),
  idempotencyKey: nullableColumn("idempotency_key", Schema.String),
  attributes: nullable(Json(Attributes)),
  recordedAt: column("recorded_at", Timestamp)
})

/**
 * The row {@link ActivityRow} encodes, written field by field: every activity recorded is written, and encoding it
 * through the schema costs more than its insert (about 30 microseconds). The activity's fields were checked when it
 * was made; a test holds both rows equal.
 */
export const activityInsertRow = (activity: Activity) => ({
  id: activity.id,
  organisation_id: activity.organisationId,
  recipient_id: activity.recipientId,
  type: activity.type,
  occurred_at: timestamp(activity.occurredAt),
  idempotency_key: activity.idempotencyKey ?? null,
  attributes: activity.attributes === undefined ? null : JSON.stringify(activity.attributes),
  recorded_at: timestamp(activity.recordedAt)
})

/** A recipient's count of one activity type on one day. */
export const ActivityDayRow = Schema.Struct({ type: Schema.String, day: Schema.String, count: Integer })

/**
 * A count of one recipient on one day, read for several recipients at once (a backfill's batch). The query names
 * the recipient's column `recipientId` itself: renaming keys in the schema costs more than the rest of a row's
 * decoding, paid for every day of every recipient.
 */
export const RecipientDayRow = Schema.Struct({
  recipientId: Schema.String,
  type: Schema.String,
  day: Schema.String,
  count: Integer
})

const decodeRecipientDay = Schema.decodeUnknownSync(RecipientDayRow)

/**
 * A {@link RecipientDayRow} read field by field: a backfill reads every day of every recipient, and the schema's
 * decoding cost more than the rest of the read. A row it does not take goes through the schema, which refuses it
 * with its usual error (a test holds both equal).
 */
export const recipientDay = (row: unknown): typeof RecipientDayRow.Type => {
  const { count, day, recipientId, type } = row as Record<string, unknown>
  if (typeof recipientId === "string" && typeof type === "string" && typeof day === "string") {
    const n = typeof count === "number"
      ? count
      : typeof count === "string" || typeof count === "bigint"
      ? Number(count)
      : Number.NaN
    if (Number.isFinite(n)) return { recipientId, type, day, count: n }
  }
  return decodeRecipientDay(row)
}

/** A recipient's total of one activity type. */
export const TotalRow = Schema.Struct({ type: Schema.String, total: Integer })

/** A recipient seen in an organisation. */
export const RecipientRow = Schema.Struct({
  organisationId: column("organisation_id", OrganisationId),
  recipientId: column("recipient_id", Schema.String),
  firstSeenAt: column("first_seen_at", Timestamp)
})

/** The row {@link RecipientRow} encodes, written field by field (one per activity recorded); a test holds them equal. */
export const recipientInsertRow = (organisationId: string, recipientId: string, firstSeenAt: DateTime.Utc) => ({
  organisation_id: organisationId,
  recipient_id: recipientId,
  first_seen_at: timestamp(firstSeenAt)
})
