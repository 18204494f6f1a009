/**
 * The BadgeKit consumer keys port over `SqlClient`: the name is the primary key, so of two keys made with one name
 * at once, one is stored and the other is a `Conflict`.
 *
 * @since 0.1.0
 */
import { BadgeKitKeyStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { BadgeKitKeyRow } from "./internal/badgeKitKeyRows.js"
import { conflictOr } from "./internal/errors.js"
import { decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<BadgeKitKeyStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const key = decoder(BadgeKitKeyRow)
  const insertRow = encoder(BadgeKitKeyRow)

  return BadgeKitKeyStore.of({
    insert: (value) =>
      sql`INSERT INTO ${sql(t.badgekitKeys)} ${sql.insert(insertRow(value))}`.pipe(
        conflictOr("insertBadgeKitKey", "BadgeKit key", "a key of that name exists"),
        Effect.as(value)
      ),
    get: (name) => sql`SELECT * FROM ${sql(t.badgekitKeys)} WHERE name = ${name}`.pipe(first("getBadgeKitKey", key))
  })
})

/** The consumer keys port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<BadgeKitKeyStore, never, SqlClient.SqlClient> = Layer.effect(BadgeKitKeyStore, make)
