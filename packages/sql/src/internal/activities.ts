/**
 * Activities and the per-recipient aggregates they feed, over SqlClient.
 */
import type { Activity, ActivityDay, BadgeStore } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { fromInt, toTimestamp } from "./codecs.js"
import { atomically, storeError } from "./errors.js"
import { activityRow, type Row, toActivity } from "./rows.js"

type Methods = Pick<
  BadgeStore["Type"],
  | "recordActivity"
  | "recordActivities"
  | "activityDays"
  | "activityDaysOf"
  | "activityTotals"
  | "listRecipients"
  | "countRecipients"
>

export const make = (sql: SqlClient.SqlClient): Methods => ({
  recordActivity: (activity, day) =>
    Effect.gen(function*() {
      // The idempotency key's unique index settles concurrent replays: only one insert returns a row.
      const inserted = yield* sql<Row>`INSERT INTO activities ${sql.insert(activityRow(activity))}
        ON CONFLICT DO NOTHING RETURNING id`
      if (inserted.length === 0) {
        const existing = yield* sql<Row>`SELECT * FROM activities
          WHERE organisation_id = ${activity.organisationId} AND idempotency_key = ${activity.idempotencyKey ?? null}`
        if (existing[0] !== undefined) return { activity: toActivity(existing[0]), inserted: false }
        return yield* Effect.die(new Error(`activity ${activity.id} was neither inserted nor found`))
      }
      // Lock the recipient first: concurrent activities of one recipient then evaluate one after the other, each
      // seeing the other's aggregates (without it, two READ COMMITTED transactions could each miss the award).
      yield* sql`INSERT INTO recipients ${
        sql.insert({
          organisation_id: activity.organisationId,
          recipient_id: activity.recipientId,
          first_seen_at: toTimestamp(activity.recordedAt)
        })
      } ON CONFLICT (organisation_id, recipient_id) DO UPDATE SET first_seen_at = recipients.first_seen_at`
      yield* sql`INSERT INTO activity_days ${
        sql.insert({
          organisation_id: activity.organisationId,
          recipient_id: activity.recipientId,
          type: activity.type,
          day,
          count: 1
        })
      } ON CONFLICT (organisation_id, recipient_id, type, day) DO UPDATE SET count = activity_days.count + 1`
      return { activity, inserted: true }
    }).pipe(
      Effect.mapError(storeError("recordActivity")),
      atomically(sql, "recordActivity")
    ),

  recordActivities: (items) =>
    Effect.gen(function*() {
      const stored: Array<Activity> = []
      const byId = new Map(items.map(({ activity, day }) => [activity.id as string, { activity, day }]))
      // Bounded statements: every dialect takes this many parameters.
      for (let i = 0; i < items.length; i += 500) {
        const rows = yield* sql<Row>`INSERT INTO activities ${
          sql.insert(items.slice(i, i + 500).map(({ activity }) => activityRow(activity)))
        } ON CONFLICT DO NOTHING RETURNING id`
        for (const row of rows) stored.push(byId.get(row.id as string)!.activity)
      }
      if (stored.length === 0) return stored
      // One row per recipient and per recipient-type-day: a statement may not touch a row twice.
      const recipients = new Map<string, Record<string, unknown>>()
      const days = new Map<string, Record<string, unknown>>()
      for (const activity of stored) {
        const { day } = byId.get(activity.id)!
        recipients.set(`${activity.organisationId}\u0000${activity.recipientId}`, {
          organisation_id: activity.organisationId,
          recipient_id: activity.recipientId,
          first_seen_at: toTimestamp(activity.recordedAt)
        })
        const key = `${activity.organisationId}\u0000${activity.recipientId}\u0000${activity.type}\u0000${day}`
        const existing = days.get(key)
        if (existing !== undefined) existing.count = (existing.count as number) + 1
        else {
          days.set(key, {
            organisation_id: activity.organisationId,
            recipient_id: activity.recipientId,
            type: activity.type,
            day,
            count: 1
          })
        }
      }
      // Recipients first, in a stable order: concurrent batches lock them alike and evaluate one after the other.
      const recipientRows = Array.from(recipients.values()).sort((a, b) =>
        String(a.recipient_id) < String(b.recipient_id) ? -1 : 1
      )
      for (let i = 0; i < recipientRows.length; i += 500) {
        yield* sql`INSERT INTO recipients ${sql.insert(recipientRows.slice(i, i + 500))}
          ON CONFLICT (organisation_id, recipient_id) DO UPDATE SET first_seen_at = recipients.first_seen_at`
      }
      const dayRows = Array.from(days.values())
      for (let i = 0; i < dayRows.length; i += 500) {
        yield* sql`INSERT INTO activity_days ${sql.insert(dayRows.slice(i, i + 500))}
          ON CONFLICT (organisation_id, recipient_id, type, day)
          DO UPDATE SET count = activity_days.count + excluded.count`
      }
      return stored
    }).pipe(
      Effect.mapError(storeError("recordActivities")),
      atomically(sql, "recordActivities")
    ),

  activityDays: (organisationId, recipientId, types) =>
    sql<Row>`SELECT type, day, count FROM activity_days
      WHERE organisation_id = ${organisationId} AND recipient_id = ${recipientId}
      ${types === undefined ? sql`` : types.length === 0 ? sql`AND 1 = 0` : sql`AND ${sql.in("type", types)}`}
      ORDER BY day, type`.pipe(
      Effect.map((rows) =>
        rows.map((row): ActivityDay => ({
          type: row.type as string,
          day: row.day as string,
          count: fromInt(row.count)
        }))
      ),
      Effect.mapError(storeError("activityDays"))
    ),

  activityDaysOf: (organisationId, recipientIds) =>
    recipientIds.length === 0
      ? Effect.succeed(new Map())
      : sql<Row>`SELECT recipient_id, type, day, count FROM activity_days
      WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_id", recipientIds)}
      ORDER BY recipient_id, day, type`.pipe(
        Effect.map((rows) => {
          const byRecipient = new Map<string, Array<ActivityDay>>()
          for (const row of rows) {
            const id = row.recipient_id as string
            const days = byRecipient.get(id) ?? []
            if (days.length === 0) byRecipient.set(id, days)
            days.push({ type: row.type as string, day: row.day as string, count: fromInt(row.count) })
          }
          return byRecipient
        }),
        Effect.mapError(storeError("activityDaysOf"))
      ),

  activityTotals: (organisationId, recipientId) =>
    sql<Row>`SELECT type, sum(count) AS total FROM activity_days
      WHERE organisation_id = ${organisationId} AND recipient_id = ${recipientId}
      GROUP BY type`.pipe(
      Effect.map((rows) => new Map(rows.map((row) => [row.type as string, fromInt(row.total)]))),
      Effect.mapError(storeError("activityTotals"))
    ),

  listRecipients: (organisationId, { after, limit }) =>
    sql<Row>`SELECT recipient_id FROM recipients
      WHERE organisation_id = ${organisationId} ${after === undefined ? sql`` : sql`AND recipient_id > ${after}`}
      ORDER BY recipient_id LIMIT ${limit}`.pipe(
      Effect.map((rows) => rows.map((row) => row.recipient_id as string)),
      Effect.mapError(storeError("listRecipients"))
    ),

  countRecipients: (organisationId) =>
    sql<Row>`SELECT count(*) AS total FROM recipients WHERE organisation_id = ${organisationId}`.pipe(
      Effect.map((rows) => fromInt(rows[0]?.total ?? 0)),
      Effect.mapError(storeError("countRecipients"))
    )
})
