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

type Planned = { readonly award: NewAward; readonly onceKey?: string | undefined }

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

  /** One definition's awards in one conditional counter update and one multi-row insert. */
  const insertGroup = (group: ReadonlyArray<Planned>) =>
    Effect.gen(function*() {
      const definitionId = group[0]!.award.definitionId
      const taken = yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count + ${group.length}
        WHERE id = ${definitionId} AND deleted_at IS NULL AND archived_at IS NULL
          AND (max_awards IS NULL OR issued_count + ${group.length} <= max_awards)
        RETURNING is_unique`
      if (taken[0] === undefined) return []
      const { unique } = place(taken[0])
      const awardedAt = group[0]!.award.awardedAt
      const awardedAtText = timestamp(awardedAt)
      const rows = yield* sql`INSERT INTO ${sql(t.awards)} ${
        sql.insert(
          group.map(({ award, onceKey }) =>
            madeAwardRow(
              award,
              unique ? award.recipient.key : undefined,
              onceKey,
              award.awardedAt === awardedAt ? awardedAtText : timestamp(award.awardedAt)
            )
          )
        )
      } ON CONFLICT DO NOTHING RETURNING id, serial`
      if (rows.length < group.length) {
        yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count - ${group.length - rows.length}
          WHERE id = ${definitionId}`
      }
      const byId = new Map(group.map((planned) => [planned.award.id as string, planned.award]))
      const made = (yield* decodeRows("insertAwards", rows, readInserted)).map((row) =>
        inserted(byId.get(row.id)!, row.serial)
      )
      yield* Buckets.add(sql, t, made, 1)
      return made
    })

  return {
    // Untraced (no span per call): rules award on every activity; the queries are traced by @effect/sql.
    insert: insert,

    insertMany: Effect.fnUntraced(
      function*(awards) {
        const groups = new Map<string, Array<Planned>>()
        for (const planned of awards) {
          const group = groups.get(planned.award.definitionId)
          if (group === undefined) groups.set(planned.award.definitionId, [planned])
          else group.push(planned)
        }
        const made: Array<Award> = []
        for (const group of groups.values()) {
          // Bounded statements: every dialect takes this many parameters.
          for (let i = 0; i < group.length; i += 500) made.push(...(yield* insertGroup(group.slice(i, i + 500))))
        }
        return made.sort((a, b) => a.serial - b.serial)
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "insertAwards", cause }))),
      atomically(sql, "insertAwards")
    )
  }
}
