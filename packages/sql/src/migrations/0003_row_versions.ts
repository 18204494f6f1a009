/**
 * A version on the rows the engine reads on every activity, raised by every write, so a process can keep the
 * entities it made and know for certain when a row has changed (timestamps can repeat within a millisecond).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe("ALTER TABLE badge_definitions ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
  yield* sql.unsafe("ALTER TABLE organisations ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
})
