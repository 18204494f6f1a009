/**
 * The definitions port over `SqlClient`. A definition's slug is unique among the organisation's live definitions
 * (a partial unique index); saving writes the definition as given and raises its row version.
 *
 * @since 0.1.0
 */
import {
  type BadgeDefinition,
  type BadgeDefinitionId,
  DefinitionStore,
  NotFound,
  offsetOf,
  type ReadOptions,
  StoreError
} from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { EarnedRow } from "./internal/awardRows.js"
import { Json, timestamp } from "./internal/codecs.js"
import { DefinitionInsert, DefinitionRow, DefinitionUpdate, RuleProblemColumn } from "./internal/definitionRows.js"
import { conflictOr, isForeignKeyViolation, storeError } from "./internal/errors.js"
import { memoByVersion } from "./internal/memo.js"
import { paged } from "./internal/paging.js"
import { all, decoder, decodeRows, encoder, first, lockClause, type Row } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

const entity = "badge definition"
// The organisation's unique index, or the server's for server-scoped slugs.
const slugTaken = "slug is already used by another badge definition"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<DefinitionStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  // Evaluation reads the organisation's rules on every activity; their rows rarely change.
  const memo = memoByVersion(decoder(DefinitionRow))
  const definition = memo.from
  const insertRow = encoder(DefinitionInsert)
  const updateRow = encoder(DefinitionUpdate)
  const earned = decoder(EarnedRow)
  const encodeProblem = encoder(Json(RuleProblemColumn))

  const one = (operation: string) => (rows: ReadonlyArray<unknown>) =>
    Effect.map(decodeRows(operation, rows.slice(0, 1), definition), (decoded) => decoded[0]!)

  return DefinitionStore.of({
    create: Effect.fn("DefinitionStore.create")(function*(record) {
      return yield* sql`INSERT INTO ${sql(t.definitions)} ${
        sql.insert({ ...insertRow(record), rule_version: 1 })
      } RETURNING *`.pipe(conflictOr("createDefinition", entity, slugTaken), Effect.flatMap(one("createDefinition")))
    }),

    get: (id: BadgeDefinitionId, options?: ReadOptions) =>
      sql`SELECT * FROM ${sql(t.definitions)} WHERE id = ${id} ${lockClause(sql, options)}`.pipe(
        first("getDefinition", definition)
      ),

    getBySerial: (serial) =>
      sql`SELECT * FROM ${sql(t.definitions)} WHERE serial = ${serial}`.pipe(
        first("getDefinitionBySerial", definition)
      ),

    getBySlug: (organisationId, slug) =>
      sql`SELECT * FROM ${sql(t.definitions)}
        WHERE organisation_id = ${organisationId} AND slug = ${slug} AND deleted_at IS NULL`.pipe(
        first("getDefinitionBySlug", definition)
      ),

    getByServerSlug: (slug) =>
      sql`SELECT * FROM ${sql(t.definitions)}
        WHERE slug = ${slug} AND slug_scope = 'server' AND deleted_at IS NULL`.pipe(
        first("getDefinitionByServerSlug", definition)
      ),

    slugInUse: (slug, except) =>
      sql<Row>`SELECT 1 AS used FROM ${sql(t.definitions)}
        WHERE slug = ${slug} AND deleted_at IS NULL ${except === undefined ? sql`` : sql`AND id <> ${except}`}
        LIMIT 1`.pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.mapError(storeError("slugInUse"))
      ),

    list: (filter, page) => {
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
        rows: sql`SELECT * FROM ${sql(t.definitions)} WHERE ${where}
          ORDER BY serial LIMIT ${page.limit} OFFSET ${offsetOf(page)}`,
        count: sql`SELECT count(*) AS total FROM ${sql(t.definitions)} WHERE ${where}`,
        decode: definition
      })
    },

    // Untraced (no span per call): read for every activity; its queries are traced by @effect/sql.
    listWithRules: Effect.fnUntraced(
      function*(organisationId) {
        // Read the version columns, and whole rows only of the definitions changed since they were last decoded.
        const versions = yield* sql<Row>`SELECT id, row_version FROM ${sql(t.definitions)}
          WHERE organisation_id = ${organisationId} AND rule IS NOT NULL
            AND archived_at IS NULL AND deleted_at IS NULL
          ORDER BY serial`
        const missing = versions.filter((row) => memo.lookup(row) === undefined).map((row) => row.id as string)
        const fresh = new Map<string, BadgeDefinition>()
        if (missing.length > 0) {
          const rows = yield* sql`SELECT * FROM ${sql(t.definitions)} WHERE ${sql.in("id", missing)}`
          for (const read of yield* decodeRows("listWithRules", rows, definition)) fresh.set(read.id, read)
        }
        // A definition changed between the two reads comes in its newer version; one deleted is left out.
        return versions.flatMap((row) => {
          const found = memo.lookup(row) ?? fresh.get(row.id as string)
          return found === undefined ? [] : [found]
        })
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "listWithRules", cause })))
    ),

    // Both raise the row version, so that evaluation's memo reads the definition again: each is written once.
    reportRuleProblem: Effect.fn("DefinitionStore.reportRuleProblem")(function*(id, ruleVersion, problem) {
      const rows = yield* sql<Row>`UPDATE ${sql(t.definitions)} SET rule_problem = ${encodeProblem(problem)},
          row_version = row_version + 1
        WHERE id = ${id} AND rule_version = ${ruleVersion} AND rule_problem IS NULL
        RETURNING id`.pipe(Effect.mapError(storeError("reportRuleProblem")))
      return rows.length > 0
    }),

    clearRuleProblem: Effect.fn("DefinitionStore.clearRuleProblem")(function*(id, ruleVersion) {
      const rows = yield* sql<Row>`UPDATE ${sql(t.definitions)} SET rule_problem = NULL, row_version = row_version + 1
        WHERE id = ${id} AND rule_version = ${ruleVersion} AND rule_problem IS NOT NULL
        RETURNING id`.pipe(Effect.mapError(storeError("clearRuleProblem")))
      return rows.length > 0
    }),

    save: Effect.fn("DefinitionStore.save")(function*(value) {
      const rows = yield* sql`UPDATE ${sql(t.definitions)} SET ${sql.update(updateRow(value))},
          row_version = row_version + 1
        WHERE id = ${value.id} RETURNING *`.pipe(conflictOr("saveDefinition", entity, slugTaken))
      if (rows.length === 0) return yield* new NotFound({ entity, id: value.id })
      return yield* one("saveDefinition")(rows)
    }),

    // One statement: the definition goes only while nothing refers to it; a row written meanwhile by another
    // transaction trips the foreign key instead, which also reads as refused.
    hardDelete: (id) =>
      sql<Row>`DELETE FROM ${sql(t.definitions)} WHERE id = ${id}
          AND NOT EXISTS (SELECT 1 FROM ${sql(t.awards)} WHERE definition_id = ${id})
          AND NOT EXISTS (SELECT 1 FROM ${sql(t.grants)} WHERE definition_id = ${id})
          AND NOT EXISTS (SELECT 1 FROM ${sql(t.claimCodes)} WHERE definition_id = ${id})
        RETURNING id`.pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.catchIf(isForeignKeyViolation, () => Effect.succeed(false)),
        Effect.mapError(storeError("hardDeleteDefinition"))
      ),

    earnedCounts: (ids, now) =>
      ids.length === 0
        ? Effect.succeed(new Map())
        // Its unrevoked awards whose expiry is not reported, kept as `issued_count`, less those expired but not
        // reported yet (an index of their own, migration 0015): a definition's count without reading its awards.
        : sql`SELECT id AS definition_id, issued_count - (SELECT count(*) FROM ${sql(t.awards)} a
              WHERE a.definition_id = d.id AND a.revoked_at IS NULL AND a.expires_at IS NOT NULL
                AND a.expiry_reported_at IS NULL AND a.expires_at <= ${timestamp(now)}) AS total
            FROM ${sql(t.definitions)} d WHERE ${sql.in("id", ids)}`.pipe(
          all("earnedCounts", earned),
          Effect.map((rows) => new Map(rows.map((row) => [row.definitionId, row.total])))
        )
  })
})

/** The definitions port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<DefinitionStore, never, SqlClient.SqlClient> = Layer.effect(DefinitionStore, make)
