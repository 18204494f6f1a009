/**
 * The server secrets port over `SqlClient`. A purpose's generations are unique by index, so of concurrent inserts
 * of its next secret one is stored and the others do nothing.
 *
 * @since 0.1.0
 */
import { SecretStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { timestamp } from "./internal/codecs.js"
import { all, decoder, encoder, first } from "./internal/query.js"
import { ServerSecretRow } from "./internal/serverSecretRows.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<SecretStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const secret = decoder(ServerSecretRow)
  const insertRow = encoder(ServerSecretRow)

  return SecretStore.of({
    insert: (value) =>
      sql`INSERT INTO ${sql(t.serverSecrets)} ${sql.insert(insertRow(value))} ON CONFLICT DO NOTHING RETURNING *`
        .pipe(first("insertServerSecret", secret)),

    get: (id) => sql`SELECT * FROM ${sql(t.serverSecrets)} WHERE id = ${id}`.pipe(first("getServerSecret", secret)),

    list: (purpose) =>
      sql`SELECT * FROM ${sql(t.serverSecrets)} WHERE purpose = ${purpose} ORDER BY generation DESC`.pipe(
        all("listServerSecrets", secret)
      ),

    retire: (id, now) =>
      sql`UPDATE ${sql(t.serverSecrets)} SET retired_at = ${timestamp(now)}
        WHERE id = ${id} AND retired_at IS NULL RETURNING *`.pipe(first("retireServerSecret", secret))
  })
})

/** The server secrets port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<SecretStore, never, SqlClient.SqlClient> = Layer.effect(SecretStore, make)
