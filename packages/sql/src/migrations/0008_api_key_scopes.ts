/**
 * API keys get scopes (Badgr's `rw:issuer`, `r:profile`), space-separated in one nullable text column. Existing keys
 * keep none stored, which means their role's default (an admin key holds `rw:issuer`).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(`ALTER TABLE ${p}api_keys ADD COLUMN scopes TEXT`)
})
