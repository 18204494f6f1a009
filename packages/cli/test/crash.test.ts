/**
 * The crash test: a server process under load is killed with SIGKILL while a rule change's backfill runs, and
 * started again on the same database (a SQLite file; a Postgres schema). Nothing acknowledged may be lost.
 */
import { databaseUrl, runPostgres, schemaUrl, withClient } from "@badge-engine/pg/testing"
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { crashScenario, type Figures } from "./crash/scenario.js"

const expectNothingLost = (figures: Figures) => {
  expect(figures.lost).toBe(0)
  expect(figures.replaysDiffering).toBe(0)
  expect(figures.ruleAwards).toBe(figures.qualifying)
  expect(figures.qualifying).toBeGreaterThanOrEqual(1500)
  expect(figures.undelivered).toBe(0)
}

describe("a server killed with SIGKILL and started again", () => {
  it(
    "on a SQLite file loses no acknowledged write, finishes the rule change's awards and delivers every award",
    async ({ annotate }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-crash-"))
      try {
        const figures = await crashScenario(path.join(dir, "badges.db"))
        // The figures, for the record: the reporter shows them beside the test.
        await annotate(JSON.stringify(figures), "figures")
        expectNothingLost(figures)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
    300_000
  )

  it.runIf(runPostgres)(
    "on Postgres loses no acknowledged write, finishes the rule change's awards and delivers every award",
    async ({ annotate }) => {
      const schema = `be_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
      await Effect.runPromise(withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`)))
      try {
        const figures = await crashScenario(schemaUrl(schema))
        await annotate(JSON.stringify(figures), "figures")
        expectNothingLost(figures)
      } finally {
        await Effect.runPromise(withClient(databaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)))
      }
    },
    300_000
  )
})
