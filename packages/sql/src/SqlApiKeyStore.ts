/**
 * The API keys port over `SqlClient`. Only a key's hash is stored.
 *
 * @since 0.1.0
 */
import { ApiKeyStore, NotFound, StoreError } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { ApiKeyRow } from "./internal/apiKeyRows.js"
import { timestamp } from "./internal/codecs.js"
import { all, decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<ApiKeyStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const key = decoder(ApiKeyRow)
  const insertRow = encoder(ApiKeyRow)

  return ApiKeyStore.of({
    create: Effect.fn("ApiKeyStore.create")(function*(value) {
      yield* sql`INSERT INTO ${sql(t.apiKeys)} ${sql.insert(insertRow(value))}`.pipe(
        Effect.mapError((cause) => new StoreError({ operation: "createApiKey", cause }))
      )
      return value
    }),

    findByHash: (keyHash) =>
      sql`SELECT * FROM ${sql(t.apiKeys)} WHERE key_hash = ${keyHash} AND revoked_at IS NULL`.pipe(
        first("findApiKey", key)
      ),

    list: () => sql`SELECT * FROM ${sql(t.apiKeys)} ORDER BY created_at, id`.pipe(all("listApiKeys", key)),

    revoke: Effect.fn("ApiKeyStore.revoke")(function*(id, now) {
      const revoked = yield* sql`UPDATE ${sql(t.apiKeys)} SET revoked_at = COALESCE(revoked_at, ${timestamp(now)})
        WHERE id = ${id} RETURNING *`.pipe(first("revokeApiKey", key))
      if (Option.isNone(revoked)) return yield* new NotFound({ entity: "api key", id })
      return revoked.value
    })
  })
})

/** The API keys port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<ApiKeyStore, never, SqlClient.SqlClient> = Layer.effect(ApiKeyStore, make)
