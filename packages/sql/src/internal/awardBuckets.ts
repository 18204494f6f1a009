/**
 * Live awards per definition, bucket of serials and day of expiry (migration 0016), so a deep page of an
 * organisation's awards skips at most one bucket's index entries, and its live total needs no count over expired
 * awards. A bucket counts what `issued_count` counts (unrevoked awards whose expiry is not reported) and is changed by
 * the same statements, after the definition's row is taken, so keeping it waits on no lock they did not already
 * wait on. Live at an instant: every count but those of days before the instant's, less the awards of its own day
 * expired by then, which the index of migration 0016 finds among that one day's.
 */
import type { Award } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { DateTime, Effect, Schema } from "effect"
import type { Tables } from "../TablePrefix.js"
import { Integer, timestamp } from "./codecs.js"
import { decoder } from "./query.js"

/** Serials per bucket: the width migration 0016 counted with; another width needs a migration that counts again. */
export const width = 2048

/**
 * The day of expiry of awards that never expire: after every real day (years up to 9999 are under 3,000,000), so
 * that "not expired before a day" is one comparison, and days before 1970, negative, are days like any other.
 */
export const never = 2_147_483_647

const dayMs = 86_400_000

/** The day an award expires on, counted in days from 1970-01-01 (UTC), as migration 0016 counts it. */
export const dayOf = (expiresAt: DateTime.Utc | undefined): number =>
  expiresAt === undefined ? never : Math.floor(DateTime.toEpochMillis(expiresAt) / dayMs)

/** An award as its bucket sees it. */
export type Counted = Pick<Award, "definitionId" | "organisationId" | "serial" | "expiresAt">

type BucketRow = {
  readonly definition_id: string
  readonly bucket: number
  readonly expiry_day: number
  readonly organisation_id: string
  live: number
}

/**
 * Adds `sign` per award to its bucket, in statements of up to 500 buckets taken in one order. Taking off deletes the
 * counts it empties (revoked awards, reported expiries), so an organisation's counts do not grow with its history.
 */
export const add = (
  sql: SqlClient.SqlClient,
  t: Tables,
  awards: ReadonlyArray<Counted>,
  sign: 1 | -1
): Effect.Effect<void, SqlError> => {
  const byKey = new Map<string, BucketRow>()
  for (const award of awards) {
    const bucket = Math.floor(award.serial / width)
    const day = dayOf(award.expiresAt)
    const key = `${award.definitionId}\u0000${bucket}\u0000${day}`
    const row = byKey.get(key)
    if (row === undefined) {
      byKey.set(key, {
        definition_id: award.definitionId,
        bucket,
        expiry_day: day,
        organisation_id: award.organisationId,
        live: sign
      })
    } else row.live += sign
  }
  const rows = [...byKey.values()].sort((a, b) =>
    a.definition_id < b.definition_id
      ? -1
      : a.definition_id > b.definition_id
      ? 1
      : a.bucket - b.bucket || a.expiry_day - b.expiry_day
  )
  return Effect.forEach(
    Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, i * 500 + 500)),
    (chunk) =>
      sql`INSERT INTO ${sql(t.awardBuckets)} ${sql.insert(chunk)}
        ON CONFLICT (definition_id, bucket, expiry_day)
        DO UPDATE SET live = ${sql(t.awardBuckets)}.live + excluded.live`.pipe(
        Effect.zipRight(
          // Only the counts this statement changed: a definition can hold many days' counts.
          sign === 1 ?
            Effect.void :
            Effect.asVoid(sql`DELETE FROM ${sql(t.awardBuckets)} WHERE live = 0 AND ${
              sql.or(
                chunk.map((row) =>
                  sql`(definition_id = ${row.definition_id} AND bucket = ${row.bucket} AND expiry_day = ${row.expiry_day})`
                )
              )
            }`)
        )
      ),
    { discard: true }
  )
}

/** The bounds of the day an instant is in, as the counts and the expiry index need them. */
const dayAround = (now: DateTime.Utc) => {
  const day = dayOf(now)
  return { day, start: timestamp(DateTime.unsafeMake(day * dayMs)) }
}

/** An organisation's unrevoked awards with an expiry that is not reported, expired by `now` on `now`'s own day. */
const expiredToday = (sql: SqlClient.SqlClient, organisationId: string, now: DateTime.Utc) =>
  sql`organisation_id = ${organisationId} AND revoked_at IS NULL AND expires_at IS NOT NULL
    AND expiry_reported_at IS NULL AND expires_at >= ${dayAround(now).start} AND expires_at <= ${timestamp(now)}`

/** Counts that are still live at `now` but for the awards of `now`'s own day, which `expiredToday` takes off. */
const notExpiredBefore = (sql: SqlClient.SqlClient, now: DateTime.Utc) => sql`expiry_day >= ${dayAround(now).day}`

/** An organisation's live awards at `now`, from its counts: one row, `total`. */
export const total = (sql: SqlClient.SqlClient, t: Tables, organisationId: string, now: DateTime.Utc) =>
  sql`SELECT
      (SELECT coalesce(sum(live), 0) FROM ${sql(t.awardBuckets)}
        WHERE organisation_id = ${organisationId} AND ${notExpiredBefore(sql, now)})
      - (SELECT count(*) FROM ${sql(t.awards)} WHERE ${expiredToday(sql, organisationId, now)})
      AS total`

const decodeStart = decoder(Schema.Struct({ bucket: Integer, before: Integer, through: Integer, total: Integer }))

/** Where a page starts among an organisation's live awards, read from the counts per bucket. */
export interface Start {
  /** The live awards in all buckets: the listing's total. */
  readonly total: number
  /** The bucket the page's first award is in, and how many live awards come before that bucket in the order. */
  readonly at?: { readonly bucket: number; readonly before: number }
}

/**
 * Where an organisation's live awards at `offset` (in serial order, or newest first) start, with their total; no
 * bucket when the offset is past the last award, nothing when the organisation has no counts.
 */
export const seek = (
  sql: SqlClient.SqlClient,
  t: Tables,
  organisationId: string,
  offset: number,
  newestFirst: boolean,
  now: DateTime.Utc
): Effect.Effect<Start | undefined, SqlError> => {
  const order = sql.unsafe(newestFirst ? "DESC" : "ASC")
  // The first bucket the running count passes the offset in; else the last, which carries the total all the same.
  return sql`WITH counts AS (
      SELECT bucket, sum(live) AS live FROM (
        SELECT bucket, live FROM ${sql(t.awardBuckets)}
        WHERE organisation_id = ${organisationId} AND ${notExpiredBefore(sql, now)}
        UNION ALL
        SELECT serial / ${sql.literal(String(width))} AS bucket, -1 AS live FROM ${sql(t.awards)}
        WHERE ${expiredToday(sql, organisationId, now)}
      ) AS c GROUP BY bucket
    ), running AS (
      SELECT bucket, live, sum(live) OVER (ORDER BY bucket ${order} ROWS UNBOUNDED PRECEDING) AS through,
        sum(live) OVER () AS total
      FROM counts
    )
    SELECT bucket, through - live AS before, through, total FROM running
    WHERE through > ${offset} OR through = total ORDER BY bucket ${order} LIMIT 1`.pipe(
    Effect.map((rows) => {
      if (rows[0] === undefined) return undefined
      const { before, bucket, through, total } = decodeStart(rows[0])
      return through > offset ? { total, at: { bucket, before } } : { total }
    })
  )
}
