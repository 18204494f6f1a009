/**
 * Live-award totals stay exact once expiries are reported: a reported expiry has already left `issued_count`, so
 * only the unreported expired awards are taken off it. These indexes hold those alone (the expiry job empties them
 * as it reports), replacing 0013's, which held every unrevoked award with an expiry.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_organisation_unreported ON ${p}awards (organisation_id, expires_at)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL AND expiry_reported_at IS NULL`
  )
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_definition_unreported ON ${p}awards (definition_id, expires_at)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL AND expiry_reported_at IS NULL`
  )
  yield* sql.unsafe(`DROP INDEX ${p}awards_organisation_expired`)
  yield* sql.unsafe(`DROP INDEX ${p}awards_definition_expired`)
})
