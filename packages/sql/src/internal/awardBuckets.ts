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

const decodeStart = decoder(Schema.Struct({ bucket: Integer, before: Integer }))

/** Where a page at `offset` starts: the first serial of its bucket and how many live awards come before it. */
export interface Start {
  readonly bucket: number
  readonly before: number
}

/**
 * The bucket an organisation's live awards at `offset` (in serial order, or newest first) fall in, and how many live
 * awards precede that bucket in that order; none when the offset is past the last. Unreported expired awards are
 * still in their bucket's count: the index of migration 0015 finds them to take them off.
 */
export const seek = (
  sql: SqlClient.SqlClient,
  t: Tables,
  organisationId: string,
  offset: number,
  newestFirst: boolean,
  now: DateTime.Utc
): Effect.Effect<ReadonlyArray<Start>, SqlError> => {
  const order = sql.unsafe(newestFirst ? "DESC" : "ASC")
  return sql`WITH counts AS (
      SELECT bucket, sum(live) AS live FROM (
        SELECT bucket, live FROM ${sql(t.awardBuckets)} WHERE organisation_id = ${organisationId}
        UNION ALL
        SELECT serial / ${sql.literal(String(width))} AS bucket, -1 AS live FROM ${sql(t.awards)}
        WHERE organisation_id = ${organisationId} AND revoked_at IS NULL AND expires_at IS NOT NULL
          AND expiry_reported_at IS NULL AND expires_at <= ${timestamp(now)}
      ) AS c GROUP BY bucket
    ), running AS (
      SELECT bucket, live, sum(live) OVER (ORDER BY bucket ${order} ROWS UNBOUNDED PRECEDING) AS through FROM counts
    )
    SELECT bucket, through - live AS before FROM running WHERE through > ${offset} ORDER BY bucket ${order} LIMIT 1`
    .pipe(Effect.map((rows) => rows.map(decodeStart)))
}
