/**
 * The issuer keys port over `SqlClient`. An organisation's generations are unique by index, so of concurrent inserts
 * of its next key one is stored and the others do nothing.
 *
 * @since 0.1.0
 */
import { IssuerKeyStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { IssuerKeyRow } from "./internal/issuerKeyRows.js"
import { all, decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<IssuerKeyStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const key = decoder(IssuerKeyRow)
  const insertRow = encoder(IssuerKeyRow)

  return IssuerKeyStore.of({
    insert: (value) =>
      sql`INSERT INTO ${sql(t.issuerKeys)} ${sql.insert(insertRow(value))} ON CONFLICT DO NOTHING RETURNING *`
        .pipe(first("insertIssuerKey", key)),

    list: (organisationId) =>
      sql`SELECT * FROM ${sql(t.issuerKeys)} WHERE organisation_id = ${organisationId} ORDER BY generation DESC`.pipe(
        all("listIssuerKeys", key)
      )
  })
})

/** The issuer keys port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<IssuerKeyStore, never, SqlClient.SqlClient> = Layer.effect(IssuerKeyStore, make)
