/**
 * Backfill: recipients re-evaluated per second when a rule is added to a large organisation. Aggregates are seeded
 * by direct SQL; the baseline reads the same aggregates in the same batches straight through `SqlClient`, the floor
 * any backfill pays.
 */
import { Backfill, type OrganisationId } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Stream } from "effect"
import { define, organisation, tenRules } from "../fixtures.js"
import { type Benchmark, type Figure, figure, judged, progress, say, sized, type Skipped, timed } from "../harness.js"
import { engineLayer, postgres, sqliteFile, tables, type Target, targetName } from "../stores.js"

const batchSize = 1000

/**
 * `recipients` recipients, recipient i active on (i mod 5) + 1 days with (i mod 4) + 1 sessions a day, so three in
 * ten reach ten sessions.
 */
const seedAggregates = (organisationId: string, recipients: number) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const daysOf = `'2026-11-0' || (d + 1)`
    yield* sql.onDialectOrElse({
      pg: () =>
        Effect.zipRight(
          sql.unsafe(`INSERT INTO ${tables.recipients} (organisation_id, recipient_id, first_seen_at)
            SELECT '${organisationId}', 'r-' || i, TIMESTAMPTZ '2026-11-01T00:00:00Z'
            FROM generate_series(1, ${recipients}) AS s(i)`),
          sql.unsafe(`INSERT INTO ${tables.activityDays} (organisation_id, recipient_id, type, day, count)
            SELECT '${organisationId}', 'r-' || i, 'session_completed', ${daysOf}, (i % 4) + 1
            FROM generate_series(1, ${recipients}) AS s(i) CROSS JOIN generate_series(0, 4) AS t(d)
            WHERE d <= i % 5`)
        ),
      orElse: () =>
        Effect.zipRight(
          sql.unsafe(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${recipients})
            INSERT INTO ${tables.recipients} (organisation_id, recipient_id, first_seen_at)
            SELECT '${organisationId}', 'r-' || i, '2026-11-01T00:00:00.000Z' FROM s`),
          sql.unsafe(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${recipients}),
              t(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM t WHERE d < 4)
            INSERT INTO ${tables.activityDays} (organisation_id, recipient_id, type, day, count)
            SELECT '${organisationId}', 'r-' || i, 'session_completed', ${daysOf}, (i % 4) + 1
            FROM s CROSS JOIN t WHERE d <= i % 5`)
        )
    })
    yield* sql.onDialectOrElse({
      pg: () => sql.unsafe(`VACUUM ANALYZE ${tables.recipients}, ${tables.activityDays}`),
      orElse: () => Effect.void
    })
  })

/** The floor: every recipient's aggregates read once, in the backfill's batches, with no evaluation or writes. */
const readFloor = (organisationId: OrganisationId) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    let after = ""
    let read = 0
    while (true) {
      const batch = yield* sql<{ recipient_id: string }>`SELECT recipient_id FROM ${sql(tables.recipients)}
        WHERE organisation_id = ${organisationId} AND recipient_id > ${after} ORDER BY recipient_id LIMIT ${batchSize}`
      if (batch.length === 0) return read
      const ids = batch.map((row) => row.recipient_id)
      yield* sql`SELECT recipient_id, type, day, count FROM ${sql(tables.activityDays)}
        WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_id", ids)}`
      read += ids.length
      after = ids.at(-1)!
    }
  })

export /** Runs an effect and returns its value with the process's CPU time it took (user and system), in milliseconds. */
const cpuTimed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<[A, number], E, R> =>
  Effect.suspend(() => {
    const start = process.cpuUsage()
    return Effect.map(effect, (a): [A, number] => {
      const used = process.cpuUsage(start)
      return [a, (used.user + used.system) / 1000]
    })
  })

const measure = (target: Target, recipients: number) =>
  Effect.gen(function*() {
    const name = targetName(target)
    const org = yield* organisation("backfill")
    yield* tenRules(org.id)
    yield* say(`backfill ${name}: seeding ${recipients} recipients`)
    yield* seedAggregates(org.id, recipients)
    const [[floorRead, floorMs], floorCpuMs] = yield* cpuTimed(timed(readFloor(org.id)))
    const id = yield* define(org.id, "Ten sessions, late", { type: "session_count", threshold: 10 })
    const backfill = yield* Backfill.Backfill
    const bar = progress(`backfill ${name}`, recipients)
    let awarded = 0
    // The process's resident memory, sampled after every batch: the backfill streams, so it stays flat.
    let peakRss = process.memoryUsage().rss
    const [[, ms], cpuMs] = yield* cpuTimed(timed(
      backfill.run(id, { batchSize }).pipe(
        Stream.runForEach((p) =>
          Effect.sync(() => {
            awarded = p.awarded
            peakRss = Math.max(peakRss, process.memoryUsage().rss)
            bar.set(p.done)
          })
        )
      )
    ))
    bar.end()
    const rate = recipients / (ms / 1000)
    return [
      figure({
        benchmark: "backfill",
        case: name,
        metric: `recipients/s (${recipients.toLocaleString("en-GB")} recipients, batches of ${batchSize})`,
        value: rate,
        unit: "/s",
        baseline: floorRead / (floorMs / 1000),
        baselineName: "reading the aggregates alone",
        note: `${(ms / 1000).toFixed(1)} s, ${awarded} awarded`
      }),
      figure({
        benchmark: "backfill",
        case: name,
        metric: "CPU time per 1,000 recipients (this process: evaluation, encoding, the driver)",
        value: cpuMs / (recipients / 1000),
        unit: "ms",
        baseline: floorCpuMs / (floorRead / 1000),
        baselineName: "reading the aggregates alone",
        note: "less sensitive to the machine's load than the rate"
      }),
      judged({
        benchmark: "backfill",
        case: name,
        metric: "peak resident memory of the process during the backfill",
        value: peakRss / 1024 / 1024,
        unit: "MB"
      }, { value: "≤", bound: 300 }),
      judged({
        benchmark: "backfill",
        case: name,
        metric: `1M recipients × 1 new rule: seconds, ${
          recipients === 1_000_000 ? "measured" : "projected from the rate above"
        }`,
        value: 1_000_000 / rate,
        unit: "s"
      }, { value: "≤", bound: target._tag === "postgres" ? 120 : 60 })
    ]
  }).pipe(Effect.provide(Layer.fresh(engineLayer(target))))

export const backfill: Benchmark = {
  name: "backfill",
  run: (options) =>
    Effect.scoped(Effect.gen(function*() {
      // BENCH_BACKFILL_RECIPIENTS=1000000 runs the target's own size instead of projecting it.
      const recipients = Number(process.env["BENCH_BACKFILL_RECIPIENTS"] ?? "") ||
        sized(options.mode, { smoke: 500, quick: 10_000, full: 100_000 })
      const figures: Array<Figure> = []
      const skipped: Array<Skipped> = []
      figures.push(...yield* measure(yield* sqliteFile, recipients))
      if (options.postgres) figures.push(...yield* measure(yield* postgres, recipients))
      else skipped.push({ benchmark: "backfill", case: "Postgres", reason: "no Postgres server answers" })
      return { figures, skipped }
    }))
}
