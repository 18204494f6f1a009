import { SqliteStore } from "@badge-engine/sqlite"
import { storeContract } from "@badge-engine/store-conformance"
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

storeContract("SQLite :memory:", SqliteStore.layer({ filename: ":memory:" }))

/** A database file in a fresh temporary folder, removed when the suite ends. */
const fileStore = Layer.unwrapScoped(
  Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-"))),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
  ).pipe(Effect.map((dir) => SqliteStore.layer({ filename: path.join(dir, "badges.db") })))
)

storeContract("SQLite file (WAL)", fileStore)

storeContract(
  "SQLite :memory:, tables prefixed acme_badges_",
  SqliteStore.layer({
    filename: ":memory:",
    tablePrefix: "acme_badges_"
  })
)
