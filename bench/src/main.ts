/**
 * `pnpm bench [--smoke|--full] [--only ingest,scale,backfill,http,processes]`: runs the benchmarks, prints a table
 * and writes the figures as JSON to `BENCH_RESULTS` (default `results/latest.json`).
 */
import { Effect } from "effect"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { backfill } from "./benchmarks/backfill.js"
import { http } from "./benchmarks/http.js"
import { ingest } from "./benchmarks/ingest.js"
import { processes } from "./benchmarks/processes.js"
import { scale } from "./benchmarks/scale.js"
import { type Benchmark, type Outcome, parseArgs, say, table, writeResults } from "./harness.js"
import { postgresAnswers } from "./stores.js"

const benchmarks: ReadonlyArray<Benchmark> = [ingest, scale, backfill, http, processes]

const here = path.dirname(fileURLToPath(import.meta.url))
const output = process.env.BENCH_RESULTS ?? path.join(here, "..", "results", "latest.json")

const program = Effect.gen(function*() {
  const args = parseArgs(process.argv.slice(2))
  const unknown = (args.only ?? []).filter((name) => !benchmarks.some((b) => b.name === name))
  if (unknown.length > 0) {
    return yield* Effect.fail(
      new Error(`unknown benchmark(s): ${unknown.join(", ")}; have ${benchmarks.map((b) => b.name)}`)
    )
  }
  const answers = yield* Effect.promise(postgresAnswers)
  // Under CI a missing server must fail the run, not hide behind a skip.
  const postgres = answers || process.env.CI === "true"
  const options = { ...args, postgres }
  const started = new Date()
  yield* say(`mode ${args.mode}; Postgres ${answers ? "answers" : postgres ? "required by CI" : "absent, skipped"}`)
  const outcomes: Record<string, Outcome> = {}
  for (const benchmark of benchmarks) {
    if (args.only !== undefined && !args.only.includes(benchmark.name)) continue
    yield* say(`— ${benchmark.name}`)
    outcomes[benchmark.name] = yield* benchmark.run(options)
  }
  const all = Object.values(outcomes)
  const figures = all.flatMap((o) => o.figures)
  console.log(table(figures, all.flatMap((o) => o.skipped)))
  const judged = figures.filter((f) => f.target !== undefined)
  const generators = [...new Set(figures.flatMap((f) => /^(wrk|autocannon);/.exec(f.note ?? "")?.[1] ?? []))]
  console.log(
    `targets: ${judged.filter((f) => f.met === true).length} of ${judged.length} met`
      + (generators.length === 0 ? "" : `; HTTP load generator: ${generators.join(", ")}`)
  )
  yield* writeResults(output, {
    mode: args.mode,
    startedAt: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.release()}` },
    benchmarks: outcomes
  })
  yield* say(`results written to ${output}`)
})

Effect.runPromise(program).catch((error) => {
  console.error(error)
  process.exit(1)
})
