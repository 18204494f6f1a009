/**
 * Processes: four `badge-engine serve` processes on one Postgres schema, started together on the empty schema so
 * that they race its migrations, receiving `POST /api/v1/activities` at once from a load process (a tenth of the
 * requests repeat an earlier idempotency key, possibly to another process). Rules that award early (session counts
 * 1, 3 and 5, a three-day streak) make concurrent awards for the same recipient likely. Afterwards SQL checks that
 * no unique badge was awarded twice and no idempotency key stored twice. The baseline is the same load against one
 * server process.
 */
import { ApiKeys, type OrganisationId } from "@badge-engine/core"
import { Effect, Layer, Redacted } from "effect"
import { badgeServer, runLoad } from "../children.js"
import { define, organisation } from "../fixtures.js"
import { type Benchmark, type Figure, figure, judged, say, sized, type Skipped } from "../harness.js"
import type { LoadResult } from "../load.js"
import { engineLayer, postgres, tables, type Target, withPg } from "../stores.js"

const connectionsPerProcess = 4
const serverCount = 4
const repeatFraction = 0.1
const sessionThresholds = [1, 3, 5] as const

const seed = (target: Target) =>
  Effect.gen(function*() {
    const org = yield* organisation("processes")
    const sessions = new Map<string, number>()
    for (const threshold of sessionThresholds) {
      sessions.set(yield* define(org.id, `${threshold} sessions`, { type: "session_count", threshold }), threshold)
    }
    yield* define(org.id, "Three-day streak", { type: "streak_days", threshold: 3 })
    const keys = yield* ApiKeys.ApiKeys
    const { key } = yield* keys.create({ role: "system", name: "bench" })
    return { organisationId: org.id as OrganisationId, sessions, key: Redacted.value(key) }
  }).pipe(Effect.provide(Layer.fresh(engineLayer(target))))

/** What the SQL check found. */
interface Check {
  /** Unique definitions held live twice by one recipient. */
  readonly duplicateAwards: number
  /** Idempotency keys stored more than once. */
  readonly duplicateKeys: number
  readonly awards: number
  readonly activities: number
  /** The sum of the day aggregates, which must equal the activities stored. */
  readonly aggregated: number
  /** Recipients past a session threshold without its badge, and holders below it. */
  readonly missed: number
  readonly unearned: number
}

const check = (url: string, sessions: ReadonlyMap<string, number>) =>
  withPg(url, async (client): Promise<Check> => {
    const count = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]!.n)
    const duplicateAwards = await count(`SELECT count(*) AS n FROM (
      SELECT a.definition_id, a.recipient_key FROM ${tables.awards} a JOIN ${tables.definitions} d ON d.id = a.definition_id
      WHERE d.is_unique <> 0 AND a.revoked_at IS NULL GROUP BY a.definition_id, a.recipient_key HAVING count(*) > 1
    ) AS twice`)
    const duplicateKeys = await count(`SELECT count(*) AS n FROM (
      SELECT organisation_id, idempotency_key FROM ${tables.activities} WHERE idempotency_key IS NOT NULL
      GROUP BY organisation_id, idempotency_key HAVING count(*) > 1
    ) AS twice`)
    const awards = await count(`SELECT count(*) AS n FROM ${tables.awards}`)
    const activities = await count(`SELECT count(*) AS n FROM ${tables.activities}`)
    const aggregated = await count(`SELECT coalesce(sum(count), 0) AS n FROM ${tables.activityDays}`)
    const sessionCounts = new Map((await client.query<{ recipient_id: string; n: string }>(
      `SELECT recipient_id, count(*) AS n FROM ${tables.activities} WHERE type = 'session_completed'
        GROUP BY recipient_id`
    )).rows.map((row) => [row.recipient_id, Number(row.n)]))
    const held = new Set((await client.query<{ definition_id: string; recipient_value: string }>(
      `SELECT definition_id, recipient_value FROM ${tables.awards} WHERE revoked_at IS NULL`
    )).rows.map((row) => `${row.definition_id} ${row.recipient_value}`))
    let missed = 0
    let unearned = 0
    const recipients = new Set([...sessionCounts.keys(), ...[...held].map((h) => h.split(" ")[1]!)])
    for (const [definitionId, threshold] of sessions) {
      for (const recipient of recipients) {
        const earned = (sessionCounts.get(recipient) ?? 0) >= threshold
        const holds = held.has(`${definitionId} ${recipient}`)
        if (earned && !holds) missed++
        if (holds && !earned) unearned++
      }
    }
    return { duplicateAwards, duplicateKeys, awards, activities, aggregated, missed, unearned }
  })

/** `count` servers on a fresh schema, the load spread over them, then the check. */
const cluster = (count: number, seconds: number, warm: number, recipients: number) =>
  Effect.scoped(Effect.gen(function*() {
    const target = yield* postgres
    if (target._tag !== "postgres") return yield* Effect.die("a Postgres target")
    yield* say(`processes: starting ${count} server process(es) on an empty schema`)
    const urls = yield* Effect.all(Array.from({ length: count }, () => badgeServer(target.url)), {
      concurrency: "unbounded"
    })
    const { key, organisationId, sessions } = yield* seed(target)
    yield* say(`processes: ${count} process(es), ${seconds} s of activities`)
    const [load] = yield* runLoad({
      runs: [{
        name: `${count} processes`,
        targets: urls.map(({ url }) => ({ url, connections: (serverCount * connectionsPerProcess) / count })),
        request: { kind: "activities", key, organisationId, recipients, repeatFraction, days: 5 },
        seconds,
        // Each process compiles its hot paths on its own share of the load: without a warm-up, four cold
        // processes would measure the JIT more than the server.
        warmupSeconds: warm
      }]
    })
    const found = yield* check(target.url, sessions)
    return { load: load!, check: found }
  }))

const statusNote = (load: LoadResult) =>
  Object.entries(load.statuses).map(([status, n]) => `${n} × ${status}`).join(", ")

const checkFigure = (count: number, load: LoadResult, found: Check): Figure => {
  const consistent = found.aggregated === found.activities
  return figure({
    benchmark: "processes",
    case: "Postgres",
    metric: `SQL check after ${count} process(es): duplicate awards + keys stored twice`,
    value: found.duplicateAwards + found.duplicateKeys,
    unit: "",
    note: `${found.duplicateAwards} duplicate awards of ${found.awards}, ${found.duplicateKeys} keys stored twice; `
      + `${found.activities} activities stored for ${load.keysAcknowledged} keys acknowledged of ${load.keysSent} `
      + `sent; day aggregates ${consistent ? "match" : `sum to ${found.aggregated}`}; session badges missed `
      + `${found.missed}, unearned ${found.unearned}`
  })
}

export const processes: Benchmark = {
  name: "processes",
  run: (options) =>
    Effect.gen(function*() {
      const skipped: Array<Skipped> = []
      if (!options.postgres) {
        skipped.push({ benchmark: "processes", case: "Postgres", reason: "no Postgres server answers" })
        return { figures: [], skipped }
      }
      const seconds = sized(options.mode, { smoke: 1, quick: 5, full: 20 })
      const warm = sized(options.mode, { smoke: 0, quick: 2, full: 3 })
      const recipients = sized(options.mode, { smoke: 20, quick: 50, full: 200 })
      const one = yield* cluster(1, seconds, warm, recipients)
      const many = yield* cluster(serverCount, seconds, warm, recipients)
      const connections = serverCount * connectionsPerProcess
      const figures: Array<Figure> = [
        judged({
          benchmark: "processes",
          case: "Postgres",
          metric: `activities/s, ${serverCount} server processes (${connections} connections, ${recipients} `
            + `recipients, ${repeatFraction * 100}% repeated keys)`,
          value: many.load.rate,
          unit: "/s",
          baseline: one.load.rate,
          baselineName: "1 server process, same load",
          note: `${many.check.awards} awards; answers ${statusNote(many.load)}; 1 process: ${statusNote(one.load)}`
        }, { ratio: "≥", bound: 1.5 }),
        checkFigure(1, one.load, one.check),
        checkFigure(serverCount, many.load, many.check)
      ]
      for (const [count, found] of [[1, one.check], [serverCount, many.check]] as const) {
        if (found.duplicateAwards + found.duplicateKeys > 0) {
          console.log(figures.map((f) => `${f.metric}: ${f.value} ${f.note ?? ""}`).join("\n"))
          return yield* Effect.fail(
            new Error(`processes: the SQL check after ${count} process(es) found duplicates: ${JSON.stringify(found)}`)
          )
        }
      }
      return { figures, skipped }
    })
}
