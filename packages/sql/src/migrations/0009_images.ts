/**
 * Uploaded images, by the hex SHA-256 of their bytes: in the database, so every process serves them. The bytes are a
 * BLOB on SQLite and a BYTEA on Postgres.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  const timestamp = sql.onDialectOrElse({ pg: () => "TIMESTAMPTZ", orElse: () => "TEXT" })
  const bytes = sql.onDialectOrElse({ pg: () => "BYTEA", orElse: () => "BLOB" })
  yield* sql.unsafe(
    `CREATE TABLE ${p}images (
      hash TEXT PRIMARY KEY,
      media_type TEXT NOT NULL,
      bytes ${bytes} NOT NULL,
      created_at ${timestamp} NOT NULL
    )`
  )
})
