/**
 * Listing an organisation's awards stays flat at deep pages: an index that holds the live filter's columns lets
 * OFFSET skip index entries without reading the award rows (an index-only scan on Postgres). It replaces the
 * narrower index it starts with.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_organisation_live ON ${p}awards (organisation_id, serial, revoked_at, expires_at)`
  )
  yield* sql.unsafe(`DROP INDEX ${p}awards_organisation`)
})
