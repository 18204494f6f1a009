import { GrantStore } from "@badge-engine/core"
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
import { SqliteStore } from "@badge-engine/sqlite"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/** A database file in a fresh temporary folder, removed with the scope. */
const tempFile = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-migrations-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map((dir) => path.join(dir, "badges.db")))

describe("SQLite migrations", () => {
  it.live("migrations 0006 and 0007 wipe the accept keys grants stored and number the grants, which read back", () =>
    Effect.scoped(Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.gen(function*() {
        yield* (yield* SqlClient.SqlClient).unsafe("PRAGMA foreign_keys = ON")
        expect((yield* migrateUpTo(5)).map(([id]) => id)).toEqual([1, 2, 3, 4, 5])
        yield* insertGrantsWithAcceptKeys
        expect(yield* storedAcceptKeys).toEqual(grantsWithAcceptKeys.map((grant) => [grant.id, grant.acceptKey]))
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))

      yield* Effect.gen(function*() {
        expect(yield* storedAcceptKeys).toEqual(grantsWithAcceptKeys.map((grant) => [grant.id, grant.id]))
        for (const { id } of grantsWithAcceptKeys) {
          expect(Option.getOrThrow(yield* (yield* GrantStore).get(id as never)).status).toBe("pending")
        }
        // Migration 0007 numbered the grants already stored, and a new grant takes a later serial.
        const { added, before } = yield* grantSerialsAfterUpgrade
        // SQLite numbers them in rowid order, the order they were stored in.
        expect(before[0]).toBeLessThan(before[1]!)
        expect(added).toBeGreaterThan(Math.max(...before))
      }).pipe(Effect.provide(SqliteStore.layer({ filename })))
    })))

  it.live("migration 0016 counts the awards already stored: totals and deep pages list what the plain listing lists", () =>
    Effect.scoped(Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.gen(function*() {
        expect((yield* migrateUpTo(15)).length).toBe(15)
        yield* insertAwardsBeforeBuckets
      }).pipe(Effect.provide(SqliteClient.layer({ filename })))

      yield* Effect.gen(function*() {
        for (const { listed, plain } of yield* everyListingBeforeBuckets) expect(listed).toEqual(plain)
        const { listed } = yield* listedBeforeBuckets(22, 100, false, awardsBeforeBuckets.listedAt[0])
        expect(listed.ids.length).toBe(100)
      }).pipe(Effect.provide(SqliteStore.layer({ filename })))
    })))
})
