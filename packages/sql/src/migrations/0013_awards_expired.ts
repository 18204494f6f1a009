/**
 * Live-award totals without counting the awards: the unrevoked awards of a definition are its `issued_count` (kept
 * in the transactions that make and revoke awards, for `max_awards`), and of an organisation the sum over its
 * definitions; less the unrevoked ones already expired, which these indexes find without reading the other awards.
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
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_definition_expired ON ${p}awards (definition_id, expires_at)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL`
  )
})
