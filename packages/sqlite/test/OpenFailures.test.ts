/**
 * A SQLite database that cannot be opened fails the store layer with a StoreError saying why: never a defect.
 */
import { StoreError } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Reactivity } from "@effect/experimental"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/** The error building the layer fails with (a layer that builds, or dies, fails the test). */
const openFailure = <A>(layer: Layer.Layer<A, StoreError>) => Effect.scoped(Layer.build(layer)).pipe(Effect.flip)

describe("SqliteStore.layer, on a database it cannot open", () => {
  it.effect("fails with a StoreError naming the missing directory", () =>
    Effect.gen(function*() {
      const filename = path.join(os.tmpdir(), "badge-engine-no-such-directory", "badges.db")
      const error = yield* openFailure(SqliteStore.layer({ filename }))
      expect(error).toBeInstanceOf(StoreError)
      expect(error.message).toMatch(/open SQLite database .*badges\.db: .*directory does not exist/)
    }))

  it.scoped("fails with a StoreError saying the file is locked by another connection", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.acquireRelease(
        Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-locked-"))),
        (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
      )
      const filename = path.join(dir, "badges.db")
      // Another connection holds the file's exclusive lock (a rollback journal, so not even readers get in).
      const other = yield* SqliteClient.make({ filename, disableWAL: true }).pipe(Effect.provide(Reactivity.layer))
      yield* other.unsafe("CREATE TABLE holder (id INTEGER)")
      yield* other.unsafe("BEGIN EXCLUSIVE")
      yield* other.unsafe("INSERT INTO holder VALUES (1)")
      const error = yield* openFailure(SqliteStore.layer({ filename, busyTimeoutMillis: 50 }))
      expect(error).toBeInstanceOf(StoreError)
      expect(error.message).toMatch(/SQLite database .*: database is locked/)
      yield* other.unsafe("ROLLBACK")
    }), 30_000)
})
