/**
 * Deep pages of an organisation's awards without skipping every award before them: a count of each definition's
 * unrevoked awards whose expiry is not reported (what `issued_count` counts) per bucket of 2,048 serials, kept by the
 * statements that keep `issued_count`. A listing finds the bucket its offset lands in and skips within it only.
 * Keyed by definition, so keeping it takes no lock beyond the definition's row the same statements already hold.
 * The width is written here once: counting with another width needs a migration that counts again. The index of
 * an organisation's unreported expired awards (0015) now holds their serials too, which buckets are found by
 * (Postgres read each award's row for it).
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  yield* sql.unsafe(
    `CREATE TABLE ${p}award_buckets (
      definition_id TEXT NOT NULL,
      bucket BIGINT NOT NULL,
      organisation_id TEXT NOT NULL,
      live BIGINT NOT NULL,
      PRIMARY KEY (definition_id, bucket)
    )`
  )
  yield* sql.unsafe(`CREATE INDEX ${p}award_buckets_organisation ON ${p}award_buckets (organisation_id, bucket, live)`)
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_organisation_unreported_serial ON ${p}awards (organisation_id, expires_at, serial)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL AND expiry_reported_at IS NULL`
  )
  yield* sql.unsafe(`DROP INDEX ${p}awards_organisation_unreported`)
  yield* sql.unsafe(
    `INSERT INTO ${p}award_buckets (definition_id, bucket, organisation_id, live)
      SELECT definition_id, serial / 2048, min(organisation_id), count(*) FROM ${p}awards
      WHERE revoked_at IS NULL AND expiry_reported_at IS NULL
      GROUP BY definition_id, serial / 2048`
  )
})
