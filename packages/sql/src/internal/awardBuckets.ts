/**
 * Live awards per definition and bucket of serials (migration 0016), so a deep page of an organisation's awards
 * skips at most one bucket's index entries. A bucket counts what `issued_count` counts (unrevoked awards whose expiry
 * is not reported) and is changed by the same statements, after the definition's row is taken, so keeping it waits
 * on no lock those statements did not already wait on.
 */
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { type DateTime, Effect, Schema } from "effect"
import type { Tables } from "../TablePrefix.js"
import { Integer, timestamp } from "./codecs.js"
import { decoder } from "./query.js"

/** Serials per bucket: the width migration 0016 counted with; another width needs a migration that counts again. */
export const width = 2048

/** An award as its bucket sees it. */
export interface Counted {
  readonly definitionId: string
  readonly organisationId: string
  readonly serial: number
}

/** Adds `sign` per award to its bucket, in statements of up to 500 buckets taken in one order. */
export const add = (
  sql: SqlClient.SqlClient,
  t: Tables,
  awards: ReadonlyArray<Counted>,
  sign: 1 | -1
): Effect.Effect<void, SqlError> => {
  const byBucket = new Map<string, { definition_id: string; bucket: number; organisation_id: string; live: number }>()
  for (const award of awards) {
    const bucket = Math.floor(award.serial / width)
    const key = `${award.definitionId}\u0000${bucket}`
    const row = byBucket.get(key)
    if (row === undefined) {
      byBucket.set(key, {
        definition_id: award.definitionId,
        bucket,
        organisation_id: award.organisationId,
        live: sign
      })
    } else row.live += sign
  }
  const rows = [...byBucket.values()].sort((a, b) =>
    a.definition_id < b.definition_id ? -1 : a.definition_id > b.definition_id ? 1 : a.bucket - b.bucket
  )
  return Effect.forEach(
    Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, i * 500 + 500)),
    (chunk) =>
      sql`INSERT INTO ${sql(t.awardBuckets)} ${sql.insert(chunk)}
        ON CONFLICT (definition_id, bucket) DO UPDATE SET live = ${sql(t.awardBuckets)}.live + excluded.live`,
    { discard: true }
  )
}

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
 * bucket when the offset is past the last award, nothing when the organisation has no counts. Unreported expired
 * awards are still in their bucket's count: the index of migration 0016 finds them, serials included, to take off.
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
        SELECT bucket, live FROM ${sql(t.awardBuckets)} WHERE organisation_id = ${organisationId}
        UNION ALL
        SELECT serial / ${sql.literal(String(width))} AS bucket, -1 AS live FROM ${sql(t.awards)}
        WHERE organisation_id = ${organisationId} AND revoked_at IS NULL AND expires_at IS NOT NULL
          AND expiry_reported_at IS NULL AND expires_at <= ${timestamp(now)}
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
