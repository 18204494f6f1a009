/**
 * `tsx src/ingestProfile.ts <memory|file|postgres> <callers|batch> [count]`: one ingest case alone (after a warm-up
 * of 2,000 activities), for `node --cpu-prof`, printing its rate and CPU time per activity. `RULES=0` records without
 * rules, `NOTRACE=1` with the tracer off.
 */
import { Activities, type OrganisationId } from "@badge-engine/core"
import { DateTime, Effect, Layer } from "effect"
import { organisation, plannedActivities, tenRules } from "./fixtures.js"
import { timed } from "./harness.js"
import { engineLayer, postgres, sqliteFile, type Target } from "./stores.js"

const [where = "memory", how = "16", countArg = "5000"] = process.argv.slice(2)
const count = Number(countArg)

const program = Effect.scoped(Effect.gen(function*() {
  const target: Target = where === "memory"
    ? { _tag: "sqlite-memory" }
    : where === "file"
    ? yield* sqliteFile
    : yield* postgres
  const plannedAll = plannedActivities(count, Math.max(1, Math.round(count / 10)), yield* DateTime.now)
  const run = (name: string, planned: ReadonlyArray<(typeof plannedAll)[number]>, report: boolean) =>
    Effect.gen(function*() {
      const org = yield* organisation(name)
      if (process.env.RULES !== "0") yield* tenRules(org.id)
      const activities = yield* Activities.Activities
      const inputs = planned.map((a) => ({
        organisationId: org.id as OrganisationId,
        recipientId: a.recipientId,
        type: a.type,
        occurredAt: a.occurredAt
      }))
      let awards = 0
      const start = process.cpuUsage()
      const [, ms] = yield* timed(
        how === "batch"
          ? Effect.forEach(
            Array.from({ length: Math.ceil(inputs.length / 1000) }, (_, i) => inputs.slice(i * 1000, i * 1000 + 1000)),
            (batch) => Effect.map(activities.recordBatch(batch), (r) => void (awards += r.awards.length)),
            { discard: true }
          )
          : Effect.forEach(inputs, (a) => Effect.map(activities.record(a), (r) => void (awards += r.awards.length)), {
            discard: true,
            concurrency: Number(how)
          })
      )
      const cpu = process.cpuUsage(start)
      if (report) {
        console.log(
          `${where} ${how}: ${Math.round(count / (ms / 1000))}/s, ${
            Math.round((cpu.user + cpu.system) / count)
          } µs CPU per activity, ${awards} awards`
        )
      }
    })
  // A warm-up on another organisation first, so the figures are the JIT's steady state.
  yield* Effect.zipRight(run("warm", plannedAll.slice(0, 2000), false), run("ingest", plannedAll, true)).pipe(
    Effect.provide(Layer.fresh(engineLayer(target)))
  )
}))

Effect.runPromise(process.env.NOTRACE === "1" ? Effect.withTracerEnabled(program, false) : program).catch((error) => {
  console.error(error)
  process.exit(1)
})
