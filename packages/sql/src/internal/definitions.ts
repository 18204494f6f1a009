/**
 * Badge definitions over SqlClient.
 */
import type { BadgeDefinitionId, BadgeDefinitionPatch, BadgeStore, DefinitionRecord } from "@badge-engine/core"
import { BadgeDefinition, NotFound, offsetOf } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import type { DateTime } from "effect"
import { Effect, Option } from "effect"
import { fromInt, toTimestamp } from "./codecs.js"
import { conflictOr, inTransaction, storeError } from "./errors.js"
import { memoByVersion } from "./memo.js"
import { paged } from "./paging.js"
import { definitionFieldsRow, type Row, toDefinition as toRecord } from "./rows.js"

type Methods = Pick<
  BadgeStore["Type"],
  | "createDefinition"
  | "getDefinition"
  | "getDefinitionBySlug"
  | "listDefinitions"
  | "listRuleDefinitions"
  | "updateDefinition"
  | "deleteDefinition"
  | "earnedCounts"
>

const slugTaken = "slug is already used by another badge definition of this organisation"

/** JSON with object keys sorted, so equal rules compare equal whatever their key order. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
      : v)

/** Applies a patch to a definition: `null` clears, absent keeps; `active` archives or reactivates. */
const applyPatch = (current: BadgeDefinition, patch: BadgeDefinitionPatch, now: DateTime.Utc): BadgeDefinition => {
  const { active, ...fields } = patch
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete next[key]
    else if (value !== undefined) next[key] = value
  }
  if (active === false && current.archivedAt === undefined) next.archivedAt = now
  if (active === true) {
    delete next.archivedAt
    delete next.archivalNote
  }
  const ruleChanged = patch.rule !== undefined && canonicalJson(current.rule ?? null) !== canonicalJson(patch.rule)
  next.ruleVersion = ruleChanged ? current.ruleVersion + 1 : current.ruleVersion
  next.updatedAt = now
  return new BadgeDefinition(next as ConstructorParameters<typeof BadgeDefinition>[0], { disableValidation: true })
}

export const make = (sql: SqlClient.SqlClient): Methods => {
  const memo = memoByVersion(toRecord)
  const toDefinition = memo.from
  const getDefinition = (id: BadgeDefinitionId) =>
    sql<Row>`SELECT * FROM badge_definitions WHERE id = ${id}`.pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toDefinition)),
      Effect.mapError(storeError("getDefinition"))
    )

  const forUpdate = sql.onDialectOrElse({ pg: () => sql.literal("FOR UPDATE"), orElse: () => sql.literal("") })

  const lockLive = (id: BadgeDefinitionId) =>
    sql<Row>`SELECT * FROM badge_definitions WHERE id = ${id} AND deleted_at IS NULL ${forUpdate}`.pipe(
      Effect.mapError(storeError("lockDefinition")),
      Effect.flatMap((rows) =>
        rows[0] === undefined
          ? Effect.fail(new NotFound({ entity: "badge definition", id }))
          : Effect.succeed(toDefinition(rows[0]))
      )
    )

  return {
    createDefinition: (record: DefinitionRecord) =>
      sql<Row>`INSERT INTO badge_definitions ${
        sql.insert({
          id: record.id,
          organisation_id: record.organisationId,
          ...definitionFieldsRow(record),
          rule_version: 1,
          created_at: toTimestamp(record.createdAt)
        })
      } RETURNING *`.pipe(
        Effect.map((rows) => toDefinition(rows[0]!)),
        conflictOr("createDefinition", "badge definition", slugTaken)
      ),

    getDefinition,

    getDefinitionBySlug: (organisationId, slug) =>
      sql<Row>`SELECT * FROM badge_definitions
        WHERE organisation_id = ${organisationId} AND slug = ${slug} AND deleted_at IS NULL`.pipe(
        Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toDefinition)),
        Effect.mapError(storeError("getDefinitionBySlug"))
      ),

    listDefinitions: (filter, page) => {
      const where = sql.and([
        sql`deleted_at IS NULL`,
        ...(filter.organisationId !== undefined ? [sql`organisation_id = ${filter.organisationId}`] : []),
        ...(filter.active === true ? [sql`archived_at IS NULL`] : []),
        ...(filter.active === false ? [sql`archived_at IS NOT NULL`] : []),
        ...(filter.category !== undefined ? [sql`category = ${filter.category}`] : []),
        ...(filter.issuerId !== undefined ? [sql`issuer_id = ${filter.issuerId}`] : []),
        ...(filter.programId !== undefined ? [sql`program_id = ${filter.programId}`] : [])
      ])
      return paged({
        operation: "listDefinitions",
        page,
        rows: sql<Row>`SELECT * FROM badge_definitions WHERE ${where}
          ORDER BY serial LIMIT ${page.limit} OFFSET ${offsetOf(page)}`,
        count: sql<Row>`SELECT count(*) AS total FROM badge_definitions WHERE ${where}`,
        to: toDefinition
      })
    },

    listRuleDefinitions: (organisationId) =>
      Effect.gen(function*() {
        // Evaluation reads these on every activity: read the version columns, and whole rows only for changes.
        const versions = yield* sql<Row>`SELECT id, row_version FROM badge_definitions
          WHERE organisation_id = ${organisationId} AND rule IS NOT NULL
            AND archived_at IS NULL AND deleted_at IS NULL
          ORDER BY serial`
        const missing = versions.filter((row) => memo.lookup(row) === undefined).map((row) => row.id as string)
        const fresh = missing.length === 0
          ? new Map<string, BadgeDefinition>()
          : new Map((yield* sql<Row>`SELECT * FROM badge_definitions WHERE ${sql.in("id", missing)}`).map((row) => [
            row.id as string,
            toDefinition(row)
          ]))
        return versions.flatMap((row) => {
          const definition = memo.lookup(row) ?? fresh.get(row.id as string)
          // A definition changed between the two reads comes in its newer version; one deleted is left out.
          return definition === undefined ? [] : [definition]
        })
      }).pipe(Effect.mapError(storeError("listRuleDefinitions"))),

    updateDefinition: (id, patch, now) =>
      Effect.gen(function*() {
        const current = yield* lockLive(id)
        const next = applyPatch(current, patch, now)
        yield* conflictOr("updateDefinition", "badge definition", slugTaken)(
          sql`UPDATE badge_definitions SET ${
            sql.update({ ...definitionFieldsRow(next), rule_version: next.ruleVersion })
          }, row_version = row_version + 1 WHERE id = ${id}`
        )
        return next
      }).pipe(inTransaction(sql, "updateDefinition")),

    deleteDefinition: (id, now) =>
      sql<Row>`UPDATE badge_definitions SET deleted_at = COALESCE(deleted_at, ${toTimestamp(now)}),
          updated_at = ${toTimestamp(now)}, row_version = row_version + 1
        WHERE id = ${id} RETURNING *`.pipe(
        Effect.mapError(storeError("deleteDefinition")),
        Effect.flatMap((rows) =>
          rows[0] === undefined
            ? Effect.fail(new NotFound({ entity: "badge definition", id }))
            : Effect.succeed(toDefinition(rows[0]))
        )
      ),

    earnedCounts: (ids, now) =>
      ids.length === 0
        ? Effect.succeed(new Map())
        : sql<{ definition_id: BadgeDefinitionId; total: unknown }>`
            SELECT definition_id, count(*) AS total FROM awards
            WHERE ${sql.in("definition_id", ids)} AND revoked_at IS NULL
              AND (expires_at IS NULL OR expires_at > ${toTimestamp(now)})
            GROUP BY definition_id`.pipe(
          Effect.map((rows) => new Map(rows.map((row) => [row.definition_id, fromInt(row.total)]))),
          Effect.mapError(storeError("earnedCounts"))
        )
  }
}
