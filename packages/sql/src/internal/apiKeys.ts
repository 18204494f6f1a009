/**
 * API keys over SqlClient: only hashes are stored.
 */
import type { BadgeStore } from "@badge-engine/core"
import { NotFound } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Option } from "effect"
import { apiKeyRow, toApiKey } from "./apiKeyRows.js"
import { toTimestamp } from "./codecs.js"
import { storeError } from "./errors.js"
import type { Row } from "./rows.js"

type Methods = Pick<BadgeStore["Type"], "createApiKey" | "findApiKey" | "listApiKeys" | "revokeApiKey">

export const make = (sql: SqlClient.SqlClient): Methods => ({
  createApiKey: (key) =>
    sql`INSERT INTO api_keys ${sql.insert(apiKeyRow(key))}`.pipe(
      Effect.as(key),
      Effect.mapError(storeError("createApiKey"))
    ),
  findApiKey: (keyHash) =>
    sql<Row>`SELECT * FROM api_keys WHERE key_hash = ${keyHash} AND revoked_at IS NULL`.pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toApiKey)),
      Effect.mapError(storeError("findApiKey"))
    ),
  listApiKeys: () =>
    sql<Row>`SELECT * FROM api_keys ORDER BY created_at, id`.pipe(
      Effect.map((rows) => rows.map(toApiKey)),
      Effect.mapError(storeError("listApiKeys"))
    ),
  revokeApiKey: (id, now) =>
    sql<Row>`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ${toTimestamp(now)}) WHERE id = ${id} RETURNING *`
      .pipe(
        Effect.mapError(storeError("revokeApiKey")),
        Effect.flatMap((rows) =>
          rows[0] !== undefined
            ? Effect.succeed(toApiKey(rows[0]))
            : Effect.fail(new NotFound({ entity: "api key", id }))
        )
      )
})
