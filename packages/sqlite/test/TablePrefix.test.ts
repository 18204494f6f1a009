import { insertPreviousReleaseRecords, migrateAsPreviousRelease, previousRecords } from "@badge-engine/sql/testing"
import { SqliteStore } from "@badge-engine/sqlite"
import { prefixesApart, previousRecordsHold } from "@badge-engine/store-conformance"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/** A database file in a fresh temporary folder, removed with the scope. */
const tempFile = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-prefix-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => path.join(dir, "badges.db")))

/** Every table, index and foreign key of the database, as `type name`, sorted. */
const schemaObjects = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql<{ readonly type: string; readonly name: string }>`SELECT type, name FROM sqlite_master
    WHERE type IN ('table', 'index')
    UNION ALL SELECT 'foreign-key', m.name || '.' || f."from" || '->' || f."table" FROM sqlite_master m
      JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
    ORDER BY 1, 2`
).pipe(
  Effect.map((rows) => rows.map((row) => `${row.type} ${row.name}`))
)

const recordedMigrations = (table: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql<{ readonly migration_id: number }>`SELECT migration_id FROM ${sql(table)} ORDER BY migration_id`
  ).pipe(
    Effect.map((rows) => rows.map((row) => Number(row.migration_id)))
  )

/** Whether every table and index is named under the prefix (SQLite names a table's automatic indexes after it). */
const allUnder = (prefix: string) => (objects: ReadonlyArray<string>) =>
  objects.every((object) => {
    const name = object.split(" ")[1]!
    return name.startsWith(prefix) || name.startsWith(`sqlite_autoindex_${prefix}`)
  })

describe("SQLite table prefix", () => {
  it.live("a database made by the previous release gets prefixed tables, and its records read back", () =>
    Effect.scoped(Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe("PRAGMA foreign_keys = ON")
        expect((yield* migrateAsPreviousRelease).map(([id]) => id)).toEqual([1, 2, 3])
        yield* insertPreviousReleaseRecords
        expect(yield* schemaObjects).toContain("table organisations")
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))

      const r = previousRecords
      const upgraded = yield* Effect.gen(function*() {
        expect(yield* recordedMigrations("badge_engine_migrations")).toEqual([
          1,
          2,
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14,
          15,
          16
        ])
        const objects = yield* schemaObjects
        expect(objects.filter((object) => !allUnder("badge_engine_")([object]))).toEqual([])

        yield* previousRecordsHold(r)
        return objects
      }).pipe(Effect.provide(SqliteStore.layer({ filename })))

      // The same tables and indexes as a fresh install.
      const fresh = yield* schemaObjects.pipe(Effect.provide(SqliteStore.layer({ filename: ":memory:" })))
      expect(upgraded).toEqual(fresh)
    })))

  it.live("a fresh database with a custom prefix makes no table or index outside it", () =>
    Effect.scoped(Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.gen(function*() {
        expect(yield* recordedMigrations("acme_badges_migrations")).toEqual([
          1,
          2,
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14,
          15,
          16
        ])
        const objects = yield* schemaObjects
        expect(objects.length).toBeGreaterThan(20)
        expect(objects.filter((object) => !allUnder("acme_badges_")([object]))).toEqual([])
      }).pipe(Effect.provide(SqliteStore.layer({ filename, tablePrefix: "acme_badges_" })))
    })))

  it.live("two prefixes side by side in one database do not see each other's records", () =>
    Effect.scoped(Effect.gen(function*() {
      const filename = yield* tempFile
      const engine = yield* Layer.build(SqliteStore.layer({ filename }))
      const acme = yield* Layer.build(SqliteStore.layer({ filename, tablePrefix: "acme_badges_" }))
      yield* prefixesApart(engine, acme)
    })))
})
