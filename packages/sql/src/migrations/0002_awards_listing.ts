/**
 * Listing an organisation's awards stays flat at deep pages: an index that holds the live filter's columns lets
 * OFFSET skip index entries without reading the award rows (an index-only scan on Postgres). It replaces the
 * narrower index it starts with.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(
    "CREATE INDEX awards_organisation_live ON awards (organisation_id, serial, revoked_at, expires_at)"
  )
  yield* sql.unsafe("DROP INDEX awards_organisation")
})
