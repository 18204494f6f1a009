/**
 * A version on the rows the engine reads on every activity, raised by every write, so a process can keep the
 * entities it made and know for certain when a row has changed (timestamps can repeat within a millisecond).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(`ALTER TABLE ${p}badge_definitions ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1`)
  yield* sql.unsafe(`ALTER TABLE ${p}organisations ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1`)
})
