/**
 * Deep pages and live totals of an organisation's awards without reading every award before the page, or every
 * expired one: a count of each definition's unrevoked awards whose expiry is not reported (what `issued_count`
 * counts) per bucket of 2,048 serials and day of expiry (days since 1970-01-01 UTC, negative before it;
 * 2147483647 for none, after every real day), kept by the statements that keep `issued_count`. Keyed by definition, so keeping it takes no lock beyond the definition's row
 * those statements already hold. The width is written here once: another needs a migration that counts again.
 * The index of an organisation's unreported expired awards (0015) now holds their serials too, which buckets are
 * found by (Postgres read each award's row for it).
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
      expiry_day BIGINT NOT NULL,
      organisation_id TEXT NOT NULL,
      live BIGINT NOT NULL,
      PRIMARY KEY (definition_id, bucket, expiry_day)
    )`
  )
  yield* sql.unsafe(
    `CREATE INDEX ${p}award_buckets_organisation ON ${p}award_buckets (organisation_id, bucket, expiry_day, live)`
  )
  yield* sql.unsafe(
    `CREATE INDEX ${p}awards_organisation_unreported_serial ON ${p}awards (organisation_id, expires_at, serial)
      WHERE revoked_at IS NULL AND expires_at IS NOT NULL AND expiry_reported_at IS NULL`
  )
  yield* sql.unsafe(`DROP INDEX ${p}awards_organisation_unreported`)
  // Whole days, rounded down (before 1970 too).
  const day = sql.onDialectOrElse({
    pg: () => `floor(extract(epoch FROM expires_at) / 86400)::bigint`,
    orElse: () => {
      const seconds = `CAST(strftime('%s', expires_at) AS INTEGER)`
      return `(${seconds} - ((${seconds} % 86400) + 86400) % 86400) / 86400`
    }
  })
  yield* sql.unsafe(
    `INSERT INTO ${p}award_buckets (definition_id, bucket, expiry_day, organisation_id, live)
      SELECT definition_id, serial / 2048, CASE WHEN expires_at IS NULL THEN 2147483647 ELSE ${day} END,
        min(organisation_id), count(*)
      FROM ${p}awards
      WHERE revoked_at IS NULL AND expiry_reported_at IS NULL
      GROUP BY definition_id, serial / 2048, CASE WHEN expires_at IS NULL THEN 2147483647 ELSE ${day} END`
  )
})
