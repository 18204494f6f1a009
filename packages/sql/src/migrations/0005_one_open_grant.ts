/**
 * One open grant per definition and person: the partial unique index that kept one grant pending now also covers
 * accepted and processed grants, so an offer racing an acceptance cannot slip a second grant in (the database
 * settles it, not a read before the insert). Grants had no service before this, so no database holds two.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(`DROP INDEX ${p}grants_pending`)
  yield* sql.unsafe(
    `CREATE UNIQUE INDEX ${p}grants_open ON ${p}grants (definition_id, recipient_key)
      WHERE status IN ('pending', 'accepted', 'processed')`
  )
})
