/**
 * HTTP: `GET /api/v1/badge-definitions/:id` and `GET /api/v1/badge-definitions?limit=20` on the real server
 * (`badge-engine serve` in a child process), over a SQLite file and then Postgres, loaded at 10 connections by
 * autocannon from another process. The baseline is a bare `node:http` server, in its own process too, answering
 * the same JSON from the same SQLite file with better-sqlite3.
 */
import { Activities, ApiKeys, type OrganisationId } from "@badge-engine/core"
import { DateTime, Effect, Layer, Redacted } from "effect"
import { isDeepStrictEqual } from "node:util"
import { badgeServer, rawServer, runLoad } from "../children.js"
import { define, organisation, plannedActivities, tenRules } from "../fixtures.js"
import { type Benchmark, type Figure, figure, say, sized, type Skipped } from "../harness.js"
import type { LoadResult, LoadRun } from "../load.js"
import { engineLayer, postgres, sqliteFile, type Target, targetName } from "../stores.js"

const connections = 10
const listLimit = 20

/**
 * Thirty definitions (so the list page is full), awards made by recording activities (so `earned_count` is not
 * zero) and an admin key.
 */
const seed = (target: Target) =>
  Effect.gen(function*() {
    const org = yield* organisation("http")
    const [first] = yield* tenRules(org.id)
    for (let i = 0; i < 20; i++) yield* define(org.id, `Extra ${i}`, { type: "session_count", threshold: 20 + i })
    const activities = yield* Activities.Activities
    for (const a of plannedActivities(200, 20, yield* DateTime.now)) {
      yield* activities.record({
        organisationId: org.id as OrganisationId,
        recipientId: a.recipientId,
        type: a.type,
        occurredAt: a.occurredAt
      })
    }
    const keys = yield* ApiKeys.ApiKeys
    const { key } = yield* keys.create({ role: "admin", organisationId: org.id, name: "bench" })
    return { organisationId: org.id as string, definitionId: first!, key: Redacted.value(key) }
  }).pipe(Effect.provide(Layer.fresh(engineLayer(target))))

const paths = (definitionId: string) => ({
  get: `/api/v1/badge-definitions/${definitionId}`,
  list: `/api/v1/badge-definitions?limit=${listLimit}`
})

/** Both servers must answer the same JSON, or the comparison means nothing. */
const sameAnswers = (ours: string, raw: string, key: string, definitionId: string) =>
  Effect.promise(async () => {
    const read = (base: string, path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } }).then(
        async (r) => ({ status: r.status, body: await r.json() as unknown })
      )
    for (const path of Object.values(paths(definitionId))) {
      const [a, b] = [await read(ours, path), await read(raw, path)]
      if (a.status !== 200 || !isDeepStrictEqual(a, b)) {
        return new Error(
          `${path}: the servers answer differently\nours ${JSON.stringify(a)}\nraw  ${JSON.stringify(b)}`
        )
      }
    }
    return undefined
  }).pipe(Effect.flatMap((error) => error === undefined ? Effect.void : Effect.fail(error)))

const loadRun = (name: string, url: string, path: string, key: string | undefined, seconds: number, warm: number) =>
  ({
    name,
    targets: [{ url, connections }],
    request: { kind: "get", path, key },
    seconds,
    warmupSeconds: warm
  }) satisfies LoadRun

/**
 * Rates mean nothing if many answers are errors. A stray one is tolerated and shown in the note: the server answers
 * 401 when a key lookup fails on the database, which a cold server on a starved machine can do.
 */
const allOk = (results: ReadonlyArray<LoadResult>) =>
  Effect.forEach(results, (r) => {
    const bad = Object.entries(r.statuses).filter(([status]) => !status.startsWith("2"))
    const count = bad.reduce((sum, [, n]) => sum + n, 0)
    return r.ok > 0 && count <= r.ok / 100
      ? Effect.void
      : Effect.fail(new Error(`${r.name}: ${r.ok} ok, other answers ${JSON.stringify(Object.fromEntries(bad))}`))
  }, { discard: true })

const otherAnswers = (r: LoadResult) => {
  const bad = Object.entries(r.statuses).filter(([status]) => !status.startsWith("2"))
  return bad.length === 0 ? "" : `; other answers ${bad.map(([status, n]) => `${n} × ${status}`).join(", ")}`
}

const figuresOf = (target: Target, endpoint: string, ours: LoadResult, raw: LoadResult): Array<Figure> => {
  const common = { benchmark: "http", case: targetName(target), baselineName: "raw node:http + better-sqlite3" }
  const what = `${endpoint}, ${connections} connections`
  return [
    figure({
      ...common,
      metric: `${what}: req/s`,
      value: ours.rate,
      unit: "/s",
      baseline: raw.rate,
      note: `target ≥ 0.6×; ${ours.ok.toLocaleString("en-GB")} answers in ${ours.seconds.toFixed(1)} s, ${ours.errors}`
        + ` socket errors${otherAnswers(ours)}`
    }),
    figure({ ...common, metric: `${what}: p50`, value: ours.p50, unit: "ms", baseline: raw.p50 }),
    figure({ ...common, metric: `${what}: p99`, value: ours.p99, unit: "ms", baseline: raw.p99, note: "target < 5 ms" })
  ]
}

export const http: Benchmark = {
  name: "http",
  run: (options) =>
    Effect.gen(function*() {
      const seconds = sized(options.mode, { smoke: 1, quick: 5, full: 20 })
      const warm = sized(options.mode, { smoke: 0, quick: 1, full: 2 })
      const figures: Array<Figure> = []
      const skipped: Array<Skipped> = []

      // SQLite: ours and raw over the same file, measured one after the other, endpoint by endpoint.
      const raws = yield* Effect.scoped(Effect.gen(function*() {
        const target = yield* sqliteFile
        if (target._tag !== "sqlite-file") return yield* Effect.die("a SQLite file target")
        yield* say(`http ${targetName(target)}: seeding, starting both servers`)
        const { definitionId, key, organisationId } = yield* seed(target)
        const [ours, raw] = yield* Effect.all([
          badgeServer(target.filename),
          rawServer(target.filename, organisationId)
        ], { concurrency: "unbounded" })
        yield* sameAnswers(ours, raw, key, definitionId)
        const p = paths(definitionId)
        yield* say(`http ${targetName(target)}: 4 loads of ${seconds} s`)
        const results = yield* runLoad({
          runs: [
            loadRun("ours get", ours, p.get, key, seconds, warm),
            loadRun("raw get", raw, p.get, undefined, seconds, warm),
            loadRun("ours list", ours, p.list, key, seconds, warm),
            loadRun("raw list", raw, p.list, undefined, seconds, warm)
          ]
        })
        yield* allOk(results)
        const [oursGet, rawGet, oursList, rawList] = results as [LoadResult, LoadResult, LoadResult, LoadResult]
        figures.push(...figuresOf(target, "GET /badge-definitions/:id", oursGet, rawGet))
        figures.push(...figuresOf(target, `GET /badge-definitions?limit=${listLimit}`, oursList, rawList))
        return { get: rawGet, list: rawList }
      }))

      // Postgres: ours only; its baseline is the raw SQLite server measured above in the same run.
      if (options.postgres) {
        yield* Effect.scoped(Effect.gen(function*() {
          const target = yield* postgres
          if (target._tag !== "postgres") return yield* Effect.die("a Postgres target")
          yield* say(`http ${targetName(target)}: seeding, starting the server`)
          const { definitionId, key } = yield* seed(target)
          const ours = yield* badgeServer(target.url)
          const p = paths(definitionId)
          yield* say(`http ${targetName(target)}: 2 loads of ${seconds} s`)
          const results = yield* runLoad({
            runs: [
              loadRun("ours get", ours, p.get, key, seconds, warm),
              loadRun("ours list", ours, p.list, key, seconds, warm)
            ]
          })
          yield* allOk(results)
          const [oursGet, oursList] = results as [LoadResult, LoadResult]
          figures.push(...figuresOf(target, "GET /badge-definitions/:id", oursGet, raws.get))
          figures.push(...figuresOf(target, `GET /badge-definitions?limit=${listLimit}`, oursList, raws.list))
        }))
      } else {
        skipped.push({ benchmark: "http", case: "Postgres", reason: "no Postgres server answers" })
      }
      return { figures, skipped }
    })
}
