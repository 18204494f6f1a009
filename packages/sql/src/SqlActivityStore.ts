/**
 * The activities port over `SqlClient`: activities, and the per-recipient aggregates they feed in the same
 * transaction. The idempotency key's unique index settles replays, also concurrent ones.
 *
 * @since 0.1.0
 */
import { type Activity, type ActivityDay, ActivityStore, StoreError } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import {
  ActivityDayRow,
  activityInsertRow,
  ActivityRow,
  recipientDay,
  recipientInsertRow,
  TotalRow
} from "./internal/activityRows.js"
import { atomically } from "./internal/errors.js"
import { all, CountRow, decoder, first, type Row } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Rows per statement: every dialect takes this many parameters. */
const chunk = 500

const chunks = <A>(items: ReadonlyArray<A>): ReadonlyArray<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / chunk) }, (_, i) => items.slice(i * chunk, i * chunk + chunk))

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<ActivityStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const activity = decoder(ActivityRow)
  const day = decoder(ActivityDayRow)
  const total = decoder(TotalRow)
  const count = decoder(CountRow)

  /** Adds recipients; an existing row is locked, so concurrent activities of one recipient evaluate in turn. */
  const upsertRecipients = (rows: ReadonlyArray<Row>) =>
    sql`INSERT INTO ${sql(t.recipients)} ${sql.insert(rows)}
      ON CONFLICT (organisation_id, recipient_id) DO UPDATE SET first_seen_at = ${sql(t.recipients)}.first_seen_at`

  const addDays = (rows: ReadonlyArray<Row>) =>
    sql`INSERT INTO ${sql(t.activityDays)} ${sql.insert(rows)}
      ON CONFLICT (organisation_id, recipient_id, type, day)
      DO UPDATE SET count = ${sql(t.activityDays)}.count + excluded.count`

  const recipientOf = (a: Activity) => recipientInsertRow(a.organisationId, a.recipientId, a.recordedAt)

  return ActivityStore.of({
    // Untraced (no span per call): called for every activity; its queries are traced by @effect/sql.
    record: Effect.fnUntraced(
      function*(value, onDay) {
        const inserted = yield* sql`INSERT INTO ${sql(t.activities)} ${sql.insert(activityInsertRow(value))}
          ON CONFLICT DO NOTHING RETURNING id`
        if (inserted.length === 0) {
          const existing = yield* sql`SELECT * FROM ${sql(t.activities)}
            WHERE organisation_id = ${value.organisationId} AND idempotency_key = ${value.idempotencyKey ?? null}`
            .pipe(first("recordActivity", activity))
          if (existing._tag === "Some") return { activity: existing.value, inserted: false }
          return yield* Effect.die(new Error(`activity ${value.id} was neither inserted nor found`))
        }
        // Lock the recipient first: concurrent activities of one recipient then evaluate one after the other, each
        // seeing the other's aggregates (without it, two READ COMMITTED transactions could each miss the award).
        yield* upsertRecipients([recipientOf(value)])
        yield* addDays([{
          organisation_id: value.organisationId,
          recipient_id: value.recipientId,
          type: value.type,
          day: onDay,
          count: 1
        }])
        return { activity: value, inserted: true }
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "recordActivity", cause }))),
      atomically(sql, "recordActivity")
    ),

    recordMany: Effect.fnUntraced(
      function*(items) {
        const stored: Array<Activity> = []
        const byId = new Map(items.map((item) => [item.activity.id as string, item]))
        for (const part of chunks(items)) {
          const rows = yield* sql<Row>`INSERT INTO ${sql(t.activities)} ${
            sql.insert(part.map((item) => activityInsertRow(item.activity)))
          } ON CONFLICT DO NOTHING RETURNING id`
          for (const row of rows) stored.push(byId.get(row.id as string)!.activity)
        }
        if (stored.length === 0) return stored
        // One row per recipient and per recipient-type-day: a statement may not touch a row twice.
        const recipients = new Map<string, Row>()
        const days = new Map<string, Row & { count: number }>()
        for (const a of stored) {
          const onDay = byId.get(a.id)!.day
          recipients.set(`${a.organisationId}\u0000${a.recipientId}`, recipientOf(a))
          const key = `${a.organisationId}\u0000${a.recipientId}\u0000${a.type}\u0000${onDay}`
          const existing = days.get(key)
          if (existing !== undefined) existing.count += 1
          else {
            days.set(key, {
              organisation_id: a.organisationId,
              recipient_id: a.recipientId,
              type: a.type,
              day: onDay,
              count: 1
            })
          }
        }
        // Recipients first, in a stable order: concurrent batches lock them alike and evaluate one after the other.
        const recipientRows = Array.from(recipients.values()).sort((a, b) =>
          String(a.recipient_id) < String(b.recipient_id) ? -1 : 1
        )
        for (const part of chunks(recipientRows)) yield* upsertRecipients(part)
        for (const part of chunks(Array.from(days.values()))) yield* addDays(part)
        return stored
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "recordActivities", cause }))),
      atomically(sql, "recordActivities")
    ),

    days: (organisationId, recipientId, types) =>
      sql`SELECT type, day, count FROM ${sql(t.activityDays)}
        WHERE organisation_id = ${organisationId} AND recipient_id = ${recipientId}
        ${types === undefined ? sql`` : types.length === 0 ? sql`AND 1 = 0` : sql`AND ${sql.in("type", types)}`}
        ORDER BY day, type`.pipe(all("activityDays", day)),

    daysOf: (organisationId, recipientIds) =>
      recipientIds.length === 0
        ? Effect.succeed(new Map())
        : sql`SELECT recipient_id AS "recipientId", type, day, count FROM ${sql(t.activityDays)}
            WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_id", recipientIds)}
            ORDER BY recipient_id, day, type`.pipe(
          all("activityDaysOf", recipientDay),
          Effect.map((rows) => {
            const byRecipient = new Map<string, Array<ActivityDay>>()
            for (const { count, day, recipientId, type } of rows) {
              const counted = { type, day, count }
              const days = byRecipient.get(recipientId)
              if (days === undefined) byRecipient.set(recipientId, [counted])
              else days.push(counted)
            }
            return byRecipient
          })
        ),

    totals: (organisationId, recipientId) =>
      sql`SELECT type, sum(count) AS total FROM ${sql(t.activityDays)}
        WHERE organisation_id = ${organisationId} AND recipient_id = ${recipientId}
        GROUP BY type`.pipe(
        all("activityTotals", total),
        Effect.map((rows) => new Map(rows.map((row) => [row.type, row.total])))
      ),

    recipients: (organisationId, { after, limit }) =>
      sql<Row>`SELECT recipient_id FROM ${sql(t.recipients)}
        WHERE organisation_id = ${organisationId} ${after === undefined ? sql`` : sql`AND recipient_id > ${after}`}
        ORDER BY recipient_id LIMIT ${limit}`.pipe(
        Effect.map((rows) => rows.map((row) => row.recipient_id as string)),
        Effect.mapError((cause) => new StoreError({ operation: "listRecipients", cause }))
      ),

    countRecipients: (organisationId) =>
      sql`SELECT count(*) AS total FROM ${sql(t.recipients)} WHERE organisation_id = ${organisationId}`.pipe(
        all("countRecipients", count),
        Effect.map((rows) => rows[0]?.total ?? 0)
      )
  })
})

/** The activities port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<ActivityStore, never, SqlClient.SqlClient> = Layer.effect(ActivityStore, make)
