/**
 * The status lists port over `SqlClient`: revoked awards' serials, read through the partial index of revoked awards.
 *
 * @since 0.1.0
 */
import { StatusListStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { SerialRow } from "./internal/issuerKeyRows.js"
import { all, decoder } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<StatusListStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const serial = decoder(SerialRow)

  return StatusListStore.of({
    revokedSerials: (organisationId, from, to) =>
      sql`SELECT serial FROM ${sql(t.awards)} WHERE organisation_id = ${organisationId}
        AND serial >= ${from} AND serial < ${to} AND revoked_at IS NOT NULL ORDER BY serial`.pipe(
        all("revokedSerials", serial),
        Effect.map((rows) => rows.map((row) => row.serial))
      )
  })
})

/** The status lists port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<StatusListStore, never, SqlClient.SqlClient> = Layer.effect(StatusListStore, make)
