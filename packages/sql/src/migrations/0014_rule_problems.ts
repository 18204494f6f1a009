/**
 * Why a definition's rule could not be evaluated, kept on the definition until its rule changes, so that its owner
 * learns of a rule the engine skips without reading the server's logs.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(`ALTER TABLE ${p}badge_definitions ADD COLUMN rule_problem TEXT`)
})
