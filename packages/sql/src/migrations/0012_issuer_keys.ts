/**
 * Open Badges 3.0: organisations' issuer keys (the public half; the private half is derived under a server secret,
 * never stored), one generation per organisation at a time unique so concurrent first uses make one key; and an index
 * of revoked awards by organisation and serial, which revocation status lists are read from (an award's bit is its
 * serial).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  const timestamp = sql.onDialectOrElse({ pg: () => "TIMESTAMPTZ", orElse: () => "TEXT" })
  yield* sql.unsafe(
    `CREATE TABLE ${p}issuer_keys (
      id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
      generation INTEGER NOT NULL,
      public_key_multibase TEXT NOT NULL,
      secret_id TEXT NOT NULL REFERENCES ${p}server_secrets (id),
      created_at ${timestamp} NOT NULL
    )`
  )
  yield* sql.unsafe(`CREATE UNIQUE INDEX ${p}issuer_keys_generation ON ${p}issuer_keys (organisation_id, generation)`)
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_revoked ON ${p}awards (organisation_id, serial) WHERE revoked_at IS NOT NULL`
  )
})
