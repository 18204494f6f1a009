/**
 * Awards over SqlClient. Every constraint on an award is settled by the database:
 * `maxAwards` by a conditional counter update, `unique` by a partial unique index on the live award's slot,
 * a rule's once-only award by a unique key.
 */
import type { Award, AwardConstraints, AwardId, BadgeDefinitionId, BadgeStore, NewAward } from "@badge-engine/core"
import { AwardLimitReached, Conflict, DefinitionInactive, NotFound, offsetOf } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import type { DateTime } from "effect"
import { Effect, Option } from "effect"
import { fromFlag, fromIntOrNull, toTimestamp } from "./codecs.js"
import { atomically, inTransaction, storeError } from "./errors.js"
import { paged } from "./paging.js"
import { awardRow, type Row, toAward } from "./rows.js"

type Methods = Pick<
  BadgeStore["Type"],
  | "insertAward"
  | "insertAwards"
  | "getAward"
  | "revokeAward"
  | "findLiveAward"
  | "heldDefinitions"
  | "heldDefinitionsOf"
  | "listAwards"
  | "awardsByActivity"
  | "expireAwards"
>

export const make = (sql: SqlClient.SqlClient): Methods => {
  const liveAt = (now: DateTime.Utc) =>
    sql`revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${toTimestamp(now)})`

  /** Takes one of the definition's award places; the row lock (Postgres) or the write lock (SQLite) orders racers. */
  const takePlace = (award: NewAward) =>
    Effect.gen(function*() {
      const taken = yield* sql<Row>`UPDATE badge_definitions SET issued_count = issued_count + 1
        WHERE id = ${award.definitionId} AND deleted_at IS NULL AND archived_at IS NULL
          AND (max_awards IS NULL OR issued_count < max_awards)
        RETURNING is_unique`
      if (taken[0] !== undefined) return { unique: fromFlag(taken[0].is_unique) }
      const rows = yield* sql<Row>`SELECT max_awards, deleted_at, archived_at FROM badge_definitions
        WHERE id = ${award.definitionId}`
      const row = rows[0]
      if (row === undefined) return yield* new NotFound({ entity: "badge definition", id: award.definitionId })
      const maxAwards = fromIntOrNull(row.max_awards)
      if (row.deleted_at === null && row.archived_at === null && maxAwards !== undefined) {
        return yield* new AwardLimitReached({ definitionId: award.definitionId, maxAwards })
      }
      return yield* new DefinitionInactive({ definitionId: award.definitionId })
    })

  const insertRow = (award: NewAward, uniqueSlot: string | null, onceKey: string | undefined) =>
    sql<Row>`INSERT INTO awards ${sql.insert(awardRow(award, uniqueSlot, onceKey))}
      ON CONFLICT DO NOTHING RETURNING *`

  const insertAward = (award: NewAward, constraints: AwardConstraints) =>
    Effect.gen(function*() {
      const { unique } = yield* takePlace(award)
      const slot = unique ? award.recipient.key : null
      let rows = yield* insertRow(award, slot, constraints.onceKey)
      if (rows.length === 0 && slot !== null) {
        // An expired award still holds the slot until someone needs it: free it, then try once more.
        const freed = yield* sql`UPDATE awards SET unique_slot = NULL
          WHERE definition_id = ${award.definitionId} AND unique_slot = ${slot}
            AND expires_at IS NOT NULL AND expires_at <= ${toTimestamp(award.awardedAt)}
          RETURNING id`
        if (freed.length > 0) rows = yield* insertRow(award, slot, constraints.onceKey)
      }
      if (rows[0] !== undefined) return toAward(rows[0])
      // Give the place back: inside a caller's transaction nothing rolls it back for us.
      yield* sql`UPDATE badge_definitions SET issued_count = issued_count - 1
        WHERE id = ${award.definitionId} AND issued_count > 0`
      const existing = yield* sql<Row>`SELECT id FROM awards WHERE
        ${constraints.onceKey !== undefined ? sql`once_key = ${constraints.onceKey} OR` : sql``}
        (definition_id = ${award.definitionId} AND unique_slot = ${slot})`
      return yield* new Conflict({
        entity: "award",
        reason: "the recipient already holds this badge",
        ...(existing[0] !== undefined ? { existingId: existing[0].id as string } : {})
      })
    }).pipe(
      Effect.catchTag("SqlError", (cause) => Effect.fail(storeError("insertAward")(cause))),
      // Every statement above is conditional and a conflict gives its place back, so no savepoint is needed.
      atomically(sql, "insertAward")
    )

  /** One definition's awards in one conditional counter update and one multi-row insert. */
  const insertGroup = (group: ReadonlyArray<{ readonly award: NewAward; readonly onceKey?: string | undefined }>) =>
    Effect.gen(function*() {
      const definitionId = group[0]!.award.definitionId
      const taken = yield* sql<Row>`UPDATE badge_definitions SET issued_count = issued_count + ${group.length}
        WHERE id = ${definitionId} AND deleted_at IS NULL AND archived_at IS NULL
          AND (max_awards IS NULL OR issued_count + ${group.length} <= max_awards)
        RETURNING is_unique`
      if (taken[0] === undefined) return []
      const unique = fromFlag(taken[0].is_unique)
      const rows = yield* sql<Row>`INSERT INTO awards ${
        sql.insert(group.map(({ award, onceKey }) => awardRow(award, unique ? award.recipient.key : null, onceKey)))
      } ON CONFLICT DO NOTHING RETURNING *`
      if (rows.length < group.length) {
        yield* sql`UPDATE badge_definitions SET issued_count = issued_count - ${group.length - rows.length}
          WHERE id = ${definitionId}`
      }
      return rows.map(toAward)
    })

  const getAward = (id: AwardId) =>
    sql<Row>`SELECT * FROM awards WHERE id = ${id}`.pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toAward)),
      Effect.mapError(storeError("getAward"))
    )

  return {
    insertAward: (award, constraints) => Effect.mapError(insertAward(award, constraints), narrow),

    insertAwards: (awards) =>
      Effect.gen(function*() {
        const groups = new Map<string, Array<{ readonly award: NewAward; readonly onceKey?: string | undefined }>>()
        for (const planned of awards) {
          const group = groups.get(planned.award.definitionId) ?? []
          group.push(planned)
          groups.set(planned.award.definitionId, group)
        }
        const made: Array<Award> = []
        for (const group of groups.values()) {
          // Bounded statements: every dialect takes this many parameters.
          for (let i = 0; i < group.length; i += 500) made.push(...(yield* insertGroup(group.slice(i, i + 500))))
        }
        return made.sort((a, b) => a.serial - b.serial)
      }).pipe(
        Effect.mapError(storeError("insertAwards")),
        atomically(sql, "insertAwards")
      ),

    getAward,

    revokeAward: (id, reason, now) =>
      Effect.gen(function*() {
        const rows = yield* sql<Row>`UPDATE awards
          SET revoked_at = ${toTimestamp(now)}, revocation_reason = ${reason}, unique_slot = NULL
          WHERE id = ${id} AND revoked_at IS NULL RETURNING *`
        const revoked = rows[0]
        if (revoked === undefined) {
          const existing = yield* getAward(id)
          return yield* Option.isSome(existing)
            ? Effect.fail(new Conflict({ entity: "award", reason: "the award is already revoked", existingId: id }))
            : Effect.fail(new NotFound({ entity: "award", id }))
        }
        // An expired award gave its place back when its expiry was reported.
        if (revoked.expiry_reported_at === null) {
          yield* sql`UPDATE badge_definitions SET issued_count = issued_count - 1
            WHERE id = ${revoked.definition_id as string} AND issued_count > 0`
        }
        return toAward(revoked)
      }).pipe(
        Effect.catchTag("SqlError", (cause) => Effect.fail(storeError("revokeAward")(cause))),
        inTransaction(sql, "revokeAward")
      ),

    findLiveAward: (definitionId, recipient, now) =>
      sql<Row>`SELECT * FROM awards
        WHERE definition_id = ${definitionId} AND recipient_key = ${recipient.key} AND ${liveAt(now)}
        ORDER BY serial LIMIT 1`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toAward)),
        Effect.mapError(storeError("findLiveAward"))
      ),

    heldDefinitions: (organisationId, recipient, now) =>
      sql<Row>`SELECT DISTINCT definition_id FROM awards
        WHERE organisation_id = ${organisationId} AND recipient_key = ${recipient.key} AND ${liveAt(now)}`.pipe(
        Effect.map((rows) => new Set(rows.map((row) => row.definition_id as BadgeDefinitionId))),
        Effect.mapError(storeError("heldDefinitions"))
      ),

    heldDefinitionsOf: (organisationId, recipients, now) =>
      recipients.length === 0
        ? Effect.succeed(new Map())
        : sql<Row>`SELECT DISTINCT recipient_key, definition_id FROM awards
        WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_key", recipients.map((r) => r.key))}
          AND ${liveAt(now)}`.pipe(
          Effect.map((rows) => {
            const byKey = new Map<string, Set<BadgeDefinitionId>>()
            for (const row of rows) {
              const key = row.recipient_key as string
              const held = byKey.get(key) ?? new Set<BadgeDefinitionId>()
              if (held.size === 0) byKey.set(key, held)
              held.add(row.definition_id as BadgeDefinitionId)
            }
            return byKey
          }),
          Effect.mapError(storeError("heldDefinitionsOf"))
        ),

    listAwards: (filter, page, now) => {
      const where = sql.and([
        ...(filter.organisationId !== undefined ? [sql`organisation_id = ${filter.organisationId}`] : []),
        ...(filter.definitionId !== undefined ? [sql`definition_id = ${filter.definitionId}`] : []),
        ...(filter.recipient !== undefined ? [sql`recipient_key = ${filter.recipient.key}`] : []),
        ...(filter.includeInactive === true ? [] : [liveAt(now)])
      ])
      return paged({
        operation: "listAwards",
        page,
        // The page's serials first, so OFFSET skips index entries only; then their rows.
        rows: sql<Row>`SELECT * FROM awards WHERE serial IN (
            SELECT serial FROM awards WHERE ${where} ORDER BY serial LIMIT ${page.limit} OFFSET ${offsetOf(page)}
          ) ORDER BY serial`,
        count: sql<Row>`SELECT count(*) AS total FROM awards WHERE ${where}`,
        to: toAward
      })
    },

    awardsByActivity: (activityId) =>
      sql<Row>`SELECT * FROM awards WHERE activity_id = ${activityId} ORDER BY serial`.pipe(
        Effect.map((rows) => rows.map(toAward)),
        Effect.mapError(storeError("awardsByActivity"))
      ),

    expireAwards: (now) =>
      Effect.gen(function*() {
        const rows = yield* sql<Row>`UPDATE awards SET expiry_reported_at = ${toTimestamp(now)}
          WHERE expires_at IS NOT NULL AND expires_at <= ${toTimestamp(now)}
            AND expiry_reported_at IS NULL AND revoked_at IS NULL
          RETURNING *`
        // An expired award is no longer live: it gives its maxAwards place back, once.
        const perDefinition = new Map<string, number>()
        for (const row of rows) {
          const id = row.definition_id as string
          perDefinition.set(id, (perDefinition.get(id) ?? 0) + 1)
        }
        for (const [definitionId, count] of perDefinition) {
          yield* sql`UPDATE badge_definitions SET issued_count = issued_count - ${count}
            WHERE id = ${definitionId} AND issued_count >= ${count}`
        }
        return rows.map(toAward).sort((a, b) => a.serial - b.serial)
      }).pipe(
        Effect.mapError(storeError("expireAwards")),
        inTransaction(sql, "expireAwards")
      )
  }
}

/** NotFound of the definition reads, to the caller of an award insert, as an inactive definition. */
const narrow = <E>(error: E | NotFound): E | DefinitionInactive =>
  error instanceof NotFound ? new DefinitionInactive({ definitionId: error.id }) : error
