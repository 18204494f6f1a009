/**
 * An organisation's live-award total without counting its awards: the unrevoked awards are the sum of its
 * definitions' `issued_count` (kept in the transactions that make and revoke awards, for `max_awards`), less the
 * unrevoked ones already expired, which this index finds without reading the organisation's other awards.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_organisation_expired ON ${p}awards (organisation_id, expires_at)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL`
  )
})
