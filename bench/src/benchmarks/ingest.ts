/**
 * Ingest: activities per second recorded through the engine in-process, with ten active rules, against raw
 * better-sqlite3 inserts of the same rows (one transaction per 1,000 rows) measured in the same run.
 */
import { Activities, type OrganisationId } from "@badge-engine/core"
import Database from "better-sqlite3"
import { DateTime, Effect, Layer } from "effect"
import * as path from "node:path"
import { organisation, type Planned, plannedActivities, tenRules } from "../fixtures.js"
import { type Benchmark, type Figure, figure, judged, progress, say, sized, type Skipped, timed } from "../harness.js"
import { engineLayer, postgres, sqliteFile, type Target, targetName, tempDir } from "../stores.js"

const activitiesTable = `CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  idempotency_key TEXT,
  attributes TEXT,
  recorded_at TEXT NOT NULL,
  UNIQUE (organisation_id, idempotency_key)
)`

/** The floor: the same rows, same columns and indexes, straight into better-sqlite3. Rows per second. */
const rawInserts = (filename: string, planned: ReadonlyArray<Planned>) =>
  Effect.sync(() => {
    const db = new Database(filename)
    try {
      if (filename !== ":memory:") {
        db.pragma("journal_mode = WAL")
        db.pragma("synchronous = NORMAL")
      }
      db.exec(activitiesTable)
      db.exec("CREATE INDEX activities_recipient ON activities (organisation_id, recipient_id, occurred_at)")
      const insert = db.prepare(
        `INSERT INTO activities (id, organisation_id, recipient_id, type, occurred_at, idempotency_key, attributes,
          recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      const recordedAt = new Date().toISOString()
      const batch = db.transaction((from: number) => {
        for (let i = from; i < Math.min(from + 1000, planned.length); i++) {
          const a = planned[i]!
          insert.run(`act_${i}`, "org", a.recipientId, a.type, DateTime.formatIso(a.occurredAt), null, null, recordedAt)
        }
      })
      const start = performance.now()
      for (let from = 0; from < planned.length; from += 1000) batch(from)
      return planned.length / ((performance.now() - start) / 1000)
    } finally {
      db.close()
    }
  })

/**
 * Activities per second through the engine: one `Activities.record` call per activity, as a single host process sends
 * them, or `Activities.recordBatch` calls of `batchSize`, as an import would.
 */
const engineIngest = (target: Target, planned: ReadonlyArray<Planned>, batchSize?: number, callers = 1) =>
  Effect.gen(function*() {
    const org = yield* organisation(
      batchSize === undefined ? (callers === 1 ? "ingest" : `ingest-${callers}`) : "ingest-batch"
    )
    yield* tenRules(org.id)
    const activities = yield* Activities.Activities
    const label = batchSize === undefined
      ? (callers === 1 ? "ingest" : `ingest, ${callers} callers`)
      : "ingest in batches"
    const bar = progress(`${label} ${targetName(target)}`, planned.length)
    const size = batchSize ?? 1
    const batches = Array.from(
      { length: Math.ceil(planned.length / size) },
      (_, i) =>
        planned.slice(i * size, i * size + size).map((a) => ({
          organisationId: org.id as OrganisationId,
          recipientId: a.recipientId,
          type: a.type,
          occurredAt: a.occurredAt
        }))
    )
    let awards = 0
    const cpuStart = process.cpuUsage()
    const [, ms] = yield* timed(Effect.forEach(batches, (batch) =>
      Effect.map(
        batchSize === undefined
          ? Effect.map(activities.record(batch[0]!), (recorded) => recorded.awards)
          : Effect.map(activities.recordBatch(batch), (recorded) => recorded.awards),
        (made) => {
          awards += made.length
          bar.add(batch.length)
        }
      ), { discard: true, concurrency: callers }))
    const cpu = process.cpuUsage(cpuStart)
    bar.end()
    // CPU time moves less with the machine's load than the rate (this process: the engine, the driver; on SQLite
    // the database too).
    return { rate: planned.length / (ms / 1000), awards, cpuUs: (cpu.user + cpu.system) / planned.length }
  }).pipe(Effect.provide(Layer.fresh(engineLayer(target))))

/** CPU time per activity, for a figure's note. */
const cpuNote = (us: number) => `${Math.round(us).toLocaleString("en-GB")} µs CPU per activity`

export const ingest: Benchmark = {
  name: "ingest",
  run: (options) =>
    Effect.scoped(Effect.gen(function*() {
      const count = sized(options.mode, { smoke: 300, quick: 5_000, full: 50_000 })
      const recipients = sized(options.mode, { smoke: 30, quick: 500, full: 5_000 })
      const planned = plannedActivities(count, recipients, yield* DateTime.now)
      const dir = yield* tempDir
      const figures: Array<Figure> = []
      const skipped: Array<Skipped> = []

      yield* say(`ingest: raw better-sqlite3 baselines, ${count} rows`)
      const rawMemory = yield* rawInserts(":memory:", planned)
      const rawFile = yield* rawInserts(path.join(dir, "raw.db"), planned)

      const targets: Array<[Target, number, string]> = [
        [{ _tag: "sqlite-memory" }, rawMemory, "raw better-sqlite3 :memory:"],
        [yield* sqliteFile, rawFile, "raw better-sqlite3 file WAL"]
      ]
      if (options.postgres) targets.push([yield* postgres, rawFile, "raw better-sqlite3 file WAL"])
      else skipped.push({ benchmark: "ingest", case: "Postgres", reason: "no Postgres server answers" })

      for (const [target, raw, rawName] of targets) {
        const single = yield* engineIngest(target, planned)
        const { awards, rate } = single
        // The targets: 16 concurrent callers on SQLite, 32 in one process on Postgres.
        const callers = target._tag === "postgres" ? 32 : 16
        const concurrent = yield* engineIngest(target, planned, undefined, callers)
        figures.push(judged({
          benchmark: "ingest",
          case: `${targetName(target)}, ${callers} concurrent callers`,
          metric: `activities/s (${count} over ${recipients} recipients, 10 rules)`,
          value: concurrent.rate,
          unit: "/s",
          baseline: rate,
          baselineName: "one caller",
          note: `${concurrent.awards} awards made; ${cpuNote(concurrent.cpuUs)}`
        }, { value: "≥", bound: target._tag === "postgres" ? 3_000 : 10_000 }))
        figures.push(figure({
          benchmark: "ingest",
          case: targetName(target),
          metric: `activities/s (${count} over ${recipients} recipients, 10 rules)`,
          value: rate,
          unit: "/s",
          baseline: raw,
          baselineName: rawName,
          note: `${awards} awards made; ${cpuNote(single.cpuUs)}`
        }))
        const batched = yield* engineIngest(target, planned, 1000)
        const batchGoal = target._tag === "postgres" ?
          figure :
          (f: Omit<Figure, "ratio">) => judged(f, { value: "≥", bound: 25_000 })
        figures.push(batchGoal({
          benchmark: "ingest",
          case: `${targetName(target)}, batches of 1,000`,
          metric: `activities/s through recordBatch (${count} over ${recipients} recipients, 10 rules)`,
          value: batched.rate,
          unit: "/s",
          baseline: raw,
          baselineName: rawName,
          note: `${batched.awards} awards made; ${cpuNote(batched.cpuUs)}`
        }))
      }
      return { figures, skipped }
    }))
}
