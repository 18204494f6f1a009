import { PgStore } from "@badge-engine/pg"
import { freshSchema, runPostgres, schemaUrl } from "@badge-engine/pg/testing"
import { insertPreviousReleaseRecords, migrateAsPreviousRelease, previousRecords } from "@badge-engine/sql/testing"
import { prefixesApart, previousRecordsHold } from "@badge-engine/store-conformance"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"

/** Every table, index, sequence and constraint of the current schema, as `kind name`, sorted. */
const schemaObjects = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql<{ readonly kind: string; readonly name: string }>`SELECT c.relkind::text AS kind, c.relname::text AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 'S')
    UNION ALL SELECT 'constraint', conrelid::regclass::text || '.' || conname::text FROM pg_constraint
    WHERE connamespace = current_schema()::regnamespace
    ORDER BY 1, 2`
).pipe(
  Effect.map((rows) => rows.map((row) => `${row.kind} ${row.name}`))
)

const recordedMigrations = (table: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql<{ readonly migration_id: number }>`SELECT migration_id FROM ${sql(table)} ORDER BY migration_id`
  ).pipe(
    Effect.map((rows) => rows.map((row) => Number(row.migration_id)))
  )

/** The objects whose name (and table, for a constraint) is not under the prefix. */
const outside = (prefix: string) => (objects: ReadonlyArray<string>) =>
  objects.filter((object) => !object.split(" ")[1]!.split(".").every((name) => name.startsWith(prefix)))

describe.runIf(runPostgres)("PostgreSQL table prefix", () => {
  it.live(
    "a database made by the previous release gets prefixed tables, and its records read back",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const url = schemaUrl(yield* freshSchema)
        yield* Effect.gen(function*() {
          expect((yield* migrateAsPreviousRelease).map(([id]) => id)).toEqual([1, 2, 3])
          yield* insertPreviousReleaseRecords
          expect(yield* schemaObjects).toContain("r organisations")
        }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(url), maxConnections: 1 })))

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
          expect(outside("badge_engine_")(objects)).toEqual([])

          yield* previousRecordsHold(r)
          return objects
        }).pipe(Effect.provide(PgStore.layer({ url, maxConnections: 2 })))

        // The same tables, indexes, sequences and constraints, by name, as a fresh install.
        const fresh = yield* schemaObjects.pipe(
          Effect.provide(PgStore.layer({ url: schemaUrl(yield* freshSchema), maxConnections: 1 }))
        )
        expect(upgraded).toEqual(fresh)
      })),
    { timeout: 60_000 }
  )

  it.live(
    "a fresh database with a custom prefix makes no table, index or sequence outside it",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const url = schemaUrl(yield* freshSchema)
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
          expect(objects.length).toBeGreaterThan(40)
          expect(outside("acme_badges_")(objects)).toEqual([])
        }).pipe(Effect.provide(PgStore.layer({ url, tablePrefix: "acme_badges_", maxConnections: 2 })))
      })),
    { timeout: 60_000 }
  )

  it.live(
    "two prefixes side by side in one schema do not see each other's records",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const url = schemaUrl(yield* freshSchema)
        const engine = yield* Layer.build(PgStore.layer({ url, maxConnections: 2 }))
        const acme = yield* Layer.build(PgStore.layer({ url, tablePrefix: "acme_badges_", maxConnections: 2 }))
        yield* prefixesApart(engine, acme)
      })),
    { timeout: 60_000 }
  )
})
