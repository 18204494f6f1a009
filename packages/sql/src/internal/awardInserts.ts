/**
 * Award inserts. Every constraint on an award is settled by the database: `maxAwards` by a conditional counter
 * update on the definition (`issued_count`), `unique` by a partial unique index on the live award's slot, a rule's
 * once-only award by a unique key.
 */
import {
  type Award,
  type AwardConstraints,
  AwardLimitReached,
  type AwardStore,
  Conflict,
  DefinitionInactive,
  type NewAward,
  NotFound,
  StoreError
} from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { Tables } from "../TablePrefix.js"
import * as Buckets from "./awardBuckets.js"
import { awardInsertRow, inserted, InsertedRow, madeAwardRow, readInserted } from "./awardRows.js"
import { column, Flag, Integer, nullableColumn, timestamp } from "./codecs.js"
import { atomically } from "./errors.js"
import { decoder, decodeRows, type Row } from "./query.js"

/** What taking a place tells of the definition. */
const Place = Schema.Struct({ unique: column("is_unique", Flag) })

/** Why a place could not be taken. */
const Refusal = Schema.Struct({
  maxAwards: nullableColumn("max_awards", Integer),
  deletedAt: column("deleted_at", Schema.Unknown),
  archivedAt: column("archived_at", Schema.Unknown)
})

/** The award inserts over `sql` on the tables `t`. */
export const make = (sql: SqlClient.SqlClient, t: Tables): Pick<AwardStore["Type"], "insert" | "insertMany"> => {
  const insertedRow = decoder(InsertedRow)
  const place = decoder(Place)
  const refusal = decoder(Refusal)

  /** Takes one of the definition's award places; the row lock (Postgres) or the write lock (SQLite) orders racers. */
  const takePlace = (value: NewAward) =>
    Effect.gen(function*() {
      const taken = yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count + 1
        WHERE id = ${value.definitionId} AND deleted_at IS NULL AND archived_at IS NULL
          AND (max_awards IS NULL OR issued_count < max_awards)
        RETURNING is_unique`
      if (taken[0] !== undefined) return place(taken[0])
      const rows = yield* sql`SELECT max_awards, deleted_at, archived_at FROM ${sql(t.definitions)}
        WHERE id = ${value.definitionId}`
      if (rows[0] === undefined) return yield* new NotFound({ entity: "badge definition", id: value.definitionId })
      const { archivedAt, deletedAt, maxAwards } = refusal(rows[0])
      if (deletedAt === null && archivedAt === null && maxAwards !== undefined) {
        return yield* new AwardLimitReached({ definitionId: value.definitionId, maxAwards })
      }
      return yield* new DefinitionInactive({ definitionId: value.definitionId })
    })

  const insertRow = (value: NewAward, uniqueSlot: string | undefined, onceKey: string | undefined) =>
    sql`INSERT INTO ${sql(t.awards)} ${sql.insert(awardInsertRow(value, uniqueSlot, onceKey))}
      ON CONFLICT DO NOTHING RETURNING id, serial`

  const insert = (value: NewAward, constraints: AwardConstraints) =>
    Effect.gen(function*() {
      const { unique } = yield* takePlace(value)
      const slot = unique ? value.recipient.key : undefined
      // The place taken locks the definition's row (Postgres) or the database (SQLite): no racer passes this check.
      const duplicate = constraints.noLiveDuplicateAt !== undefined
        ? yield* sql<Row>`SELECT id FROM ${sql(t.awards)} WHERE definition_id = ${value.definitionId}
            AND recipient_key = ${value.recipient.key} AND revoked_at IS NULL
            AND (expires_at IS NULL OR expires_at > ${timestamp(constraints.noLiveDuplicateAt)}) LIMIT 1`
        : []
      let rows = duplicate.length > 0 ? [] : yield* insertRow(value, slot, constraints.onceKey)
      if (rows.length === 0 && slot !== undefined && duplicate.length === 0) {
        // An expired award still holds the slot until someone needs it: free it, then try once more.
        const freed = yield* sql`UPDATE ${sql(t.awards)} SET unique_slot = NULL
          WHERE definition_id = ${value.definitionId} AND unique_slot = ${slot}
            AND expires_at IS NOT NULL AND expires_at <= ${timestamp(value.awardedAt)}
          RETURNING id`
        if (freed.length > 0) rows = yield* insertRow(value, slot, constraints.onceKey)
      }
      if (rows[0] !== undefined) {
        const { serial } = (yield* decodeRows("insertAward", rows, insertedRow))[0]!
        yield* Buckets.add(sql, t, [{ ...value, serial }], 1)
        return inserted(value, serial)
      }
      // Give the place back: inside a caller's transaction nothing rolls it back for us.
      yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count - 1
        WHERE id = ${value.definitionId} AND issued_count > 0`
      if (duplicate[0] !== undefined) {
        return yield* new Conflict({
          entity: "award",
          reason: "the recipient already holds this badge",
          existingId: duplicate[0].id as string
        })
      }
      const existing = yield* sql<Row>`SELECT id FROM ${sql(t.awards)} WHERE
        ${constraints.onceKey !== undefined ? sql`once_key = ${constraints.onceKey} OR` : sql``}
        (definition_id = ${value.definitionId} AND unique_slot = ${slot ?? null})`
      return yield* new Conflict({
        entity: "award",
        reason: "the recipient already holds this badge",
        ...(existing[0] !== undefined ? { existingId: existing[0].id as string } : {})
      })
    }).pipe(
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "insertAward", cause }))),
      // Every statement above is conditional and a conflict gives its place back, so no savepoint is needed.
      atomically(sql, "insertAward")
    )

  /** Takes `count` places of a definition at once: whether it is unique, or undefined when not all fit. */
  const takePlaces = (definitionId: string, count: number) =>
    Effect.map(
      sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count + ${count}
        WHERE id = ${definitionId} AND deleted_at IS NULL AND archived_at IS NULL
          AND (max_awards IS NULL OR issued_count + ${count} <= max_awards)
        RETURNING is_unique`,
      (taken) => taken[0] === undefined ? undefined : place(taken[0])
    )

  /** Inserts rows in the order given, so that their serials follow it. */
  const insertRows = (rows: ReadonlyArray<ReturnType<typeof madeAwardRow>>) =>
    sql`INSERT INTO ${sql(t.awards)} ${sql.insert(rows)} ON CONFLICT DO NOTHING RETURNING id, serial`

  return {
    // Untraced (no span per call): rules award on every activity; the queries are traced by @effect/sql.
    insert: insert,

    insertMany: Effect.fnUntraced(
      function*(awards) {
        const counts = new Map<string, number>()
        for (const { award } of awards) counts.set(award.definitionId, (counts.get(award.definitionId) ?? 0) + 1)
        // Definitions locked in one order (by id): two groups taking places of the same ones cannot deadlock.
        const unique = new Map<string, boolean>()
        for (const definitionId of Array.from(counts.keys()).sort()) {
          const taken = yield* takePlaces(definitionId, counts.get(definitionId)!)
          if (taken !== undefined) unique.set(definitionId, taken.unique)
        }
        // One insert for every definition, in the order given: the serials follow it, as one by one.
        const kept = awards.filter(({ award }) => unique.has(award.definitionId))
        const byId = new Map(kept.map(({ award }) => [award.id as string, award]))
        const made: Array<Award> = []
        // Most awards of a group or a batch share their instant: it is formatted once.
        const awardedAt = kept[0]?.award.awardedAt
        const awardedAtText = awardedAt === undefined ? "" : timestamp(awardedAt)
        // Bounded statements: every dialect takes this many parameters.
        for (let i = 0; i < kept.length; i += 500) {
          const rows = yield* insertRows(
            kept.slice(i, i + 500).map(({ award, onceKey }) =>
              madeAwardRow(
                award,
                unique.get(award.definitionId) ? award.recipient.key : undefined,
                onceKey,
                award.awardedAt === awardedAt ? awardedAtText : timestamp(award.awardedAt)
              )
            )
          )
          for (const row of yield* decodeRows("insertAwards", rows, readInserted)) {
            made.push(inserted(byId.get(row.id)!, row.serial))
          }
        }
        // Give back the places of the awards not made (a conflict): nothing rolls them back for us.
        const left = new Map<string, number>()
        for (const definitionId of unique.keys()) left.set(definitionId, counts.get(definitionId)!)
        for (const award of made) left.set(award.definitionId, left.get(award.definitionId)! - 1)
        for (const [definitionId, count] of Array.from(left).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
          if (count > 0) {
            yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count - ${count}
              WHERE id = ${definitionId}`
          }
        }
        yield* Buckets.add(sql, t, made, 1)
        return made.sort((a, b) => a.serial - b.serial)
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "insertAwards", cause }))),
      atomically(sql, "insertAwards")
    )
  }
}
