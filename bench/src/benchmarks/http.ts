/**
 * HTTP: `GET /api/v1/badge-definitions/:id` and `GET /api/v1/badge-definitions?limit=20` on the real server
 * (`badge-engine serve` in a child process), over a SQLite file and then Postgres, loaded at 10 connections by
 * wrk (or autocannon without it) from another process. The baselines, each in its own process too: an Effect
 * `HttpApi` server with one schema'd endpoint answering fixed JSON (the targets are ratios to it), and a bare
 * `node:http` server answering the same JSON from the same SQLite file with better-sqlite3. Then, on the SQLite
 * server, `POST /api/v1/activities` with bodies generated per request (autocannon), against 3,000/s.
 */
import { Activities, ApiKeys, type OrganisationId } from "@badge-engine/core"
import { DateTime, Effect, Layer, Redacted } from "effect"
import { isDeepStrictEqual } from "node:util"
import { badgeServer, effectServer, rawServer, runLoad, type Server } from "../children.js"
import { define, organisation, plannedActivities, tenRules } from "../fixtures.js"
import { type Benchmark, type Figure, figure, judged, say, sized, type Skipped } from "../harness.js"
import type { LoadResult, LoadRun } from "../load.js"
import { engineLayer, postgres, sqliteFile, type Target, targetName } from "../stores.js"

const connections = 10
const listLimit = 20

/**
 * Thirty definitions (so the list page is full), awards made by recording activities (so `earned_count` is not
 * zero) and an admin key.
 */
export const seed = (target: Target) =>
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
    const { key: systemKey } = yield* keys.create({ role: "system", name: "bench activities" })
    return {
      organisationId: org.id as string,
      definitionId: first!,
      key: Redacted.value(key),
      systemKey: Redacted.value(systemKey)
    }
  }).pipe(Effect.provide(Layer.fresh(engineLayer(target))))

export const paths = (definitionId: string) => ({
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

/** Per endpoint and database: the target ratio to the Effect baseline's rate. */
const goals = {
  "sqlite-file": { get: 0.7, list: 0.5 },
  postgres: { get: 0.5, list: 0.35 }
} as const

const figuresOf = (
  target: Target,
  endpoint: "get" | "list",
  ours: LoadResult,
  effect: LoadResult,
  raw: LoadResult
): Array<Figure> => {
  const common = { benchmark: "http", case: targetName(target) }
  const label = endpoint === "get" ? "GET /badge-definitions/:id" : `GET /badge-definitions?limit=${listLimit}`
  const what = `${label}, ${connections} connections`
  const beside = { ...common, baselineName: "Effect HttpApi, fixed JSON" }
  const goal = goals[target._tag === "postgres" ? "postgres" : "sqlite-file"][endpoint]
  return [
    judged({
      ...beside,
      metric: `${what}: req/s`,
      value: ours.rate,
      unit: "/s",
      baseline: effect.rate,
      note: `${ours.generator}; ${ours.ok.toLocaleString("en-GB")} answers in ${ours.seconds.toFixed(1)} s, `
        + `${ours.errors} socket errors${otherAnswers(ours)}`
    }, { ratio: "≥", bound: goal }),
    figure({
      ...common,
      metric: `${what}: req/s beside raw`,
      value: ours.rate,
      unit: "/s",
      baseline: raw.rate,
      baselineName: "raw node:http + better-sqlite3"
    }),
    figure({ ...beside, metric: `${what}: p50`, value: ours.p50, unit: "ms", baseline: effect.p50 }),
    target._tag !== "postgres" && endpoint === "get"
      ? judged({ ...beside, metric: `${what}: p99`, value: ours.p99, unit: "ms", baseline: effect.p99 }, {
        value: "≤",
        bound: 10
      })
      : figure({ ...beside, metric: `${what}: p99`, value: ours.p99, unit: "ms", baseline: effect.p99 })
  ]
}

/** The server's resident size after its loads, against the target of 200 MB. */
const memoryFigure = (target: Target, server: Server) =>
  Effect.map(server.memory, ({ peakMb, rssMb }) =>
    judged({
      benchmark: "http",
      case: targetName(target),
      metric: "server resident size at its peak under the loads",
      value: peakMb,
      unit: "MB",
      note: `${rssMb.toFixed(0)} MB after the loads`
    }, { value: "≤", bound: 200 }))

export const http: Benchmark = {
  name: "http",
  run: (options) =>
    Effect.scoped(Effect.gen(function*() {
      const seconds = sized(options.mode, { smoke: 1, quick: 5, full: 20 })
      const warm = sized(options.mode, { smoke: 0, quick: 1, full: 2 })
      const figures: Array<Figure> = []
      const skipped: Array<Skipped> = []

      // The Effect baseline serves both databases' comparisons; it is measured once, before the SQLite loads.
      const effect = yield* effectServer
      const effectPath = "/api/v1/badge-definitions/def_baseline"

      // SQLite: ours, raw and Effect's, measured one after the other, endpoint by endpoint.
      const baselines = yield* Effect.scoped(Effect.gen(function*() {
        const target = yield* sqliteFile
        if (target._tag !== "sqlite-file") return yield* Effect.die("a SQLite file target")
        yield* say(`http ${targetName(target)}: seeding, starting both servers`)
        const { definitionId, key, organisationId, systemKey } = yield* seed(target)
        const [ours, raw] = yield* Effect.all([
          badgeServer(target.filename),
          rawServer(target.filename, organisationId)
        ], { concurrency: "unbounded" })
        yield* sameAnswers(ours.url, raw.url, key, definitionId)
        const p = paths(definitionId)
        yield* say(`http ${targetName(target)}: 5 loads of ${seconds} s`)
        const results = yield* runLoad({
          runs: [
            loadRun("effect get", effect.url, effectPath, undefined, seconds, warm),
            loadRun("ours get", ours.url, p.get, key, seconds, warm),
            loadRun("raw get", raw.url, p.get, undefined, seconds, warm),
            loadRun("ours list", ours.url, p.list, key, seconds, warm),
            loadRun("raw list", raw.url, p.list, undefined, seconds, warm)
          ]
        })
        yield* allOk(results)
        const [effectGet, oursGet, rawGet, oursList, rawList] = results as [
          LoadResult,
          LoadResult,
          LoadResult,
          LoadResult,
          LoadResult
        ]
        figures.push(figure({
          benchmark: "http",
          case: "baselines",
          metric: `Effect HttpApi, one schema'd endpoint, fixed JSON, ${connections} connections: req/s`,
          value: effectGet.rate,
          unit: "/s",
          baseline: rawGet.rate,
          baselineName: "raw node:http + better-sqlite3, GET one",
          note: `${effectGet.generator}; p50 ${effectGet.p50.toFixed(2)} ms, p99 ${effectGet.p99.toFixed(2)} ms`
        }))
        figures.push(...figuresOf(target, "get", oursGet, effectGet, rawGet))
        figures.push(...figuresOf(target, "list", oursList, effectGet, rawList))
        // Activity reports on the same server, the seed's 30 rules active: each body generated per request.
        yield* say(`http ${targetName(target)}: ${seconds} s of POST /api/v1/activities`)
        const [reported] = yield* runLoad({
          runs: [{
            name: "ours activities",
            targets: [{ url: ours.url, connections }],
            request: {
              kind: "activities",
              key: systemKey,
              organisationId,
              recipients: 200,
              repeatFraction: 0.1,
              days: 5
            },
            seconds,
            warmupSeconds: warm
          }]
        })
        yield* allOk([reported!])
        figures.push(judged({
          benchmark: "http",
          case: targetName(target),
          metric: `POST /api/v1/activities, ${connections} connections, 30 rules: reports/s (a tenth replay a key)`,
          value: reported!.rate,
          unit: "/s",
          baseline: effectGet.rate,
          baselineName: "Effect HttpApi, fixed JSON (GET)",
          note: `${reported!.generator}; p50 ${reported!.p50.toFixed(1)} ms, p99 ${reported!.p99.toFixed(1)} ms; `
            + `${reported!.keysAcknowledged} of ${reported!.keysSent} keys acknowledged${otherAnswers(reported!)}`
        }, { value: "≥", bound: 3_000 }))
        figures.push(yield* memoryFigure(target, ours))
        return { effect: effectGet, get: rawGet, list: rawList }
      }))

      // Postgres: ours only; its baselines are the servers measured above in the same run.
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
              loadRun("ours get", ours.url, p.get, key, seconds, warm),
              loadRun("ours list", ours.url, p.list, key, seconds, warm)
            ]
          })
          yield* allOk(results)
          const [oursGet, oursList] = results as [LoadResult, LoadResult]
          figures.push(...figuresOf(target, "get", oursGet, baselines.effect, baselines.get))
          figures.push(...figuresOf(target, "list", oursList, baselines.effect, baselines.list))
          figures.push(yield* memoryFigure(target, ours))
        }))
      } else {
        skipped.push({ benchmark: "http", case: "Postgres", reason: "no Postgres server answers" })
      }
      return { figures, skipped }
    }))
}
