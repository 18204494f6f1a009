/**
 * Server secrets: random keys the engine derives other secrets from, each of a purpose and a generation, the
 * generations of a purpose unique.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  const timestamp = sql.onDialectOrElse({ pg: () => "TIMESTAMPTZ", orElse: () => "TEXT" })
  yield* sql.unsafe(
    `CREATE TABLE ${p}server_secrets (
      id TEXT PRIMARY KEY,
      purpose TEXT NOT NULL,
      generation INTEGER NOT NULL,
      secret TEXT NOT NULL,
      created_at ${timestamp} NOT NULL,
      retired_at ${timestamp}
    )`
  )
  yield* sql.unsafe(`CREATE UNIQUE INDEX ${p}server_secrets_generation ON ${p}server_secrets (purpose, generation)`)
})
