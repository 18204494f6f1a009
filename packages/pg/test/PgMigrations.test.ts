import { GrantStore } from "@badge-engine/core"
import { PgStore } from "@badge-engine/pg"
import { databaseUrl, freshSchema, runPostgres, schemaUrl, withClient } from "@badge-engine/pg/testing"
import { Migrations, TablePrefix } from "@badge-engine/sql"
import {
  awardsBeforeBuckets,
  everyListingBeforeBuckets,
  grantSerialsAfterUpgrade,
  grantsWithAcceptKeys,
  insertAwardsBeforeBuckets,
  insertGrantsWithAcceptKeys,
  listedBeforeBuckets,
  migrateUpTo,
  storedAcceptKeys
} from "@badge-engine/sql/testing"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Redacted } from "effect"

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
        )).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
      })),
    { timeout: 60_000 }
  )

  it.live(
    "migrations 0006 and 0007 wipe the accept keys grants stored and number the grants, which read back",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const url = schemaUrl(yield* freshSchema)
        yield* Effect.gen(function*() {
          expect((yield* migrateUpTo(5)).map(([id]) => id)).toEqual([1, 2, 3, 4, 5])
          yield* insertGrantsWithAcceptKeys
          expect(yield* storedAcceptKeys).toEqual(grantsWithAcceptKeys.map((grant) => [grant.id, grant.acceptKey]))
        }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(url), maxConnections: 1 })))

        yield* Effect.gen(function*() {
          expect(yield* storedAcceptKeys).toEqual(grantsWithAcceptKeys.map((grant) => [grant.id, grant.id]))
          for (const { id } of grantsWithAcceptKeys) {
            expect(Option.getOrThrow(yield* (yield* GrantStore).get(id as never)).status).toBe("pending")
          }
          // Migration 0007 numbered the grants already stored, and a new grant takes a later serial.
          const { added, before } = yield* grantSerialsAfterUpgrade
          expect(new Set(before).size).toBe(before.length)
          expect(added).toBeGreaterThan(Math.max(...before))
        }).pipe(Effect.provide(PgStore.layer({ url, maxConnections: 1 })))
      })),
    { timeout: 60_000 }
  )

  it.live(
    "migration 0016 counts the awards already stored: totals and deep pages list what the plain listing lists",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const url = schemaUrl(yield* freshSchema)
        yield* Effect.gen(function*() {
          expect((yield* migrateUpTo(15)).length).toBe(15)
          yield* insertAwardsBeforeBuckets
        }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(url), maxConnections: 1 })))

        yield* Effect.gen(function*() {
          for (const { listed, plain } of yield* everyListingBeforeBuckets) expect(listed).toEqual(plain)
          const { listed } = yield* listedBeforeBuckets(22, 100, false, awardsBeforeBuckets.listedAt[0])
          expect(listed.ids.length).toBe(100)
        }).pipe(Effect.provide(PgStore.layer({ url, maxConnections: 1 })))
      })),
    { timeout: 60_000 }
  )
})
