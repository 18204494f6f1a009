import { PgStore } from "@badge-engine/pg"
import { databaseUrl, freshSchema, runPostgres, schemaUrl, withClient } from "@badge-engine/pg/testing"
import { Migrations, TablePrefix } from "@badge-engine/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"

describe.runIf(runPostgres)("PostgreSQL migrations", () => {
  it.live(
    "eight stores starting together on one empty schema all come up, migrated once",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const schema = yield* freshSchema
        // Each with a pool of its own, as separate server processes would be.
        const started = yield* Effect.all(
          Array.from({ length: 8 }, () =>
            Effect.scoped(Layer.build(PgStore.layer({ url: schemaUrl(schema), maxConnections: 2 }))).pipe(
              Effect.either
            )),
          { concurrency: "unbounded" }
        )
        expect(started.filter(Either.isLeft)).toEqual([])
        const table = Migrations.migrationsTable(TablePrefix.defaultPrefix)
        expect(table).toBe("badge_engine_migrations")
        const recorded = yield* withClient(databaseUrl, (client) =>
          client.query(`SELECT migration_id FROM ${schema}.${table} ORDER BY migration_id`))
        expect(recorded.rows.map((row) =>
          row.migration_id
        )).toEqual([1, 2, 3, 4, 5, 6])
      })),
    { timeout: 60_000 }
  )
})
