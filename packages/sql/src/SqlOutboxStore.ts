/**
 * The outbox port over `SqlClient`. On Postgres an append takes a transaction-scoped advisory lock first, held until
 * commit, so positions are handed out in commit order and a reader never skips an entry still being written; SQLite
 * has one writer, which gives the same order.
 *
 * @since 0.1.0
 */
import { OutboxStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { DateTime, Effect, Layer } from "effect"
import { timestamp } from "./internal/codecs.js"
import { atomically, storeError } from "./internal/errors.js"
import { newOutboxRow, outboxEntry } from "./internal/jobRows.js"
import { all, CountRow, decoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<OutboxStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const prefix = yield* TablePrefix
  const t = tables(prefix)
  const position = decoder(CountRow)
  // One lock per table prefix: two engines sharing a database with different prefixes do not wait for each other.
  const lockKey = `${prefix}outbox`
  const lock = sql.onDialectOrElse({
    pg: () => sql`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`,
    orElse: () => Effect.succeed([])
  })

  return OutboxStore.of({
    append: (entries) =>
      entries.length === 0 ? Effect.void : Effect.gen(function*() {
        yield* lock
        // Written together, the entries mostly share one instant: its text is made once.
        let at = entries[0]!.occurredAt
        let atText = timestamp(at)
        const rows = entries.map((value) => {
          if (value.occurredAt !== at) {
            at = value.occurredAt
            atText = timestamp(at)
          }
          return newOutboxRow(value, atText)
        })
        yield* sql`INSERT INTO ${sql(t.outbox)} ${sql.insert(rows)}`
      }).pipe(Effect.mapError(storeError("appendOutbox")), atomically(sql, "appendOutbox")),

    after: (after, limit) =>
      sql`SELECT * FROM ${sql(t.outbox)} WHERE position > ${after} ORDER BY position LIMIT ${limit}`.pipe(
        all("readOutbox", outboxEntry)
      ),

    get: (id) => sql`SELECT * FROM ${sql(t.outbox)} WHERE id = ${id}`.pipe(first("getOutboxEntry", outboxEntry)),

    position: (consumer, options) =>
      Effect.gen(function*() {
        if (options?.forUpdate === true) {
          // The row must exist to be locked.
          yield* sql`INSERT INTO ${sql(t.outboxConsumers)} (name, position, updated_at)
            VALUES (${consumer}, 0, ${timestamp(DateTime.unsafeMake(0))}) ON CONFLICT DO NOTHING`
        }
        const lockClause = options?.forUpdate === true
          ? sql.onDialectOrElse({ pg: () => sql.literal("FOR UPDATE"), orElse: () => sql.literal("") })
          : sql.literal("")
        const rows = yield* sql`SELECT position AS total FROM ${sql(t.outboxConsumers)}
          WHERE name = ${consumer} ${lockClause}`
        return rows.length === 0 ? 0 : position(rows[0]).total
      }).pipe(Effect.mapError(storeError("outboxPosition"))),

    savePosition: (consumer, value, now) =>
      sql`INSERT INTO ${sql(t.outboxConsumers)} (name, position, updated_at)
        VALUES (${consumer}, ${value}, ${timestamp(now)})
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`.pipe(
        Effect.asVoid,
        Effect.mapError(storeError("saveOutboxPosition"))
      )
  })
})

/** The outbox port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<OutboxStore, never, SqlClient.SqlClient> = Layer.effect(OutboxStore, make)
