/**
 * The stores benchmarks run on: SQLite in memory, a SQLite file (WAL) in a temporary folder, and Postgres in a
 * fresh schema dropped afterwards. Each comes with the engine on top, background backfills off.
 */
import { Definitions, Engine, type Stores } from "@badge-engine/core"
import { PgStore } from "@badge-engine/pg"
import { freshSchema, schemaUrl } from "@badge-engine/pg/testing"
import { TablePrefix } from "@badge-engine/sql"
import { SqliteStore } from "@badge-engine/sqlite"
import type { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export { postgresAnswers, withClient as withPg } from "@badge-engine/pg/testing"

/** The engine's table names, for the SQL that seeds and checks them directly. */
export const tables = TablePrefix.tables(TablePrefix.defaultPrefix)

/** A temporary folder for the scope, removed when it closes. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "badge-bench-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** Where a store lives. */
export type Target =
  | { readonly _tag: "sqlite-memory" }
  | { readonly _tag: "sqlite-file"; readonly filename: string }
  | { readonly _tag: "postgres"; readonly url: string }

/** A name for tables. */
export const targetName = (target: Target): string =>
  target._tag === "sqlite-memory" ? "SQLite :memory:" : target._tag === "sqlite-file" ? "SQLite file (WAL)" : "Postgres"

/** A SQLite file target in a temporary folder of the scope. */
export const sqliteFile = Effect.map(tempDir, (dir): Target => ({
  _tag: "sqlite-file",
  filename: path.join(dir, "badges.db")
}))

/** A Postgres target in a fresh schema of the scope. */
export const postgres = Effect.map(freshSchema, (schema): Target => ({ _tag: "postgres", url: schemaUrl(schema) }))

/** The store of a target. */
export const storeLayer = (target: Target): Layer.Layer<Stores | SqlClient.SqlClient, unknown> =>
  target._tag === "postgres"
    ? PgStore.layer({ url: target.url, maxConnections: 4 })
    : SqliteStore.layer({ filename: target._tag === "sqlite-memory" ? ":memory:" : target.filename })

/** The engine over a target's store, as a host app embeds it, with background backfills off. */
export const engineLayer = (target: Target) =>
  Engine.layer.pipe(
    Layer.provideMerge(storeLayer(target)),
    Layer.provide(Layer.succeed(Definitions.AutoBackfill, false))
  )
