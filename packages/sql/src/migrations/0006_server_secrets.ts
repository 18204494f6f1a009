/**
 * Server secrets, and no accept keys in the grants table. A grant's accept key is now derived from its id under a
 * server secret (HMAC-SHA256), so `server_secrets` holds the secrets, one generation of a purpose at a time unique.
 *
 * The old keys are wiped: each `accept_key` is set to its grant's own id, which is no secret, and new grants write
 * their id there too. The column stays because SQLite cannot drop a NOT NULL or UNIQUE column, or its constraints,
 * without rebuilding the table; the UNIQUE constraint is also why the value is the grant's id and not '' (a second ''
 * would break it). Links sent before this migration stop working; offering the grant again shows the new key.
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
  yield* sql.unsafe(`UPDATE ${p}grants SET accept_key = id`)
})
