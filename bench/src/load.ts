/**
 * The load generator, run as its own process (`node --import tsx src/load.ts <plan as JSON>`) so that it never
 * shares an event loop with the server it measures. Runs each load of the plan in turn and prints the results as one
 * line of JSON. GETs go through `wrk` when it is installed (written in C, it takes far less of the machine's two
 * cores than autocannon, which would otherwise cap what the fastest servers can show); activity reports, whose
 * bodies are generated per request, and GETs on machines without `wrk` go through autocannon.
 */
import autocannon from "autocannon"
import { execFile, execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/** A server and how many connections it gets. */
export interface LoadTarget {
  readonly url: string
  readonly connections: number
}

/** What every request is: a GET, or an activity report with generated bodies. */
export type LoadRequest =
  | { readonly kind: "get"; readonly path: string; readonly key: string | undefined }
  | {
    readonly kind: "activities"
    readonly key: string
    readonly organisationId: string
    /** How many peer mentors the activities are spread over. */
    readonly recipients: number
    /** The share of requests that repeat an earlier request, idempotency key and all. */
    readonly repeatFraction: number
    /** Activities fall on the last `days` days, so that streaks form. */
    readonly days: number
  }

/** One measured load: every target at once for `seconds`, after `warmupSeconds` of unmeasured load. */
export interface LoadRun {
  readonly name: string
  readonly targets: ReadonlyArray<LoadTarget>
  readonly request: LoadRequest
  readonly seconds: number
  readonly warmupSeconds: number
}

export interface LoadPlan {
  readonly runs: ReadonlyArray<LoadRun>
}

export interface LoadResult {
  readonly name: string
  /** Which load generator ran: `wrk` or `autocannon`. */
  readonly generator: string
  /** 2xx responses. */
  readonly ok: number
  readonly seconds: number
  /** 2xx responses per second. */
  readonly rate: number
  /** Latency percentiles of 2xx responses, in milliseconds. */
  readonly p50: number
  readonly p99: number
  readonly statuses: Record<string, number>
  readonly errors: number
  /** Distinct idempotency keys sent, and those a 2xx answered, warm-up included. */
  readonly keysSent: number
  readonly keysAcknowledged: number
  /** Requests that repeated an earlier one, warm-up included. */
  readonly repeats: number
}

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

const types = ["session_completed", "session_completed", "session_completed", "training_completed", "login"]

/** Activity bodies, shared by every target of a run so that a repeated key may reach another process. */
const activityBodies = (request: Extract<LoadRequest, { kind: "activities" }>, prefix: string) => {
  const sent: Array<{ key: string; body: string }> = []
  const acknowledged = new Set<string>()
  let next = 0
  let repeats = 0
  return {
    next: (): { key: string; body: string } => {
      if (sent.length > 0 && Math.random() < request.repeatFraction) {
        repeats++
        return sent[Math.floor(Math.random() * sent.length)]!
      }
      const key = `${prefix}-${next++}`
      const day = Math.floor(Math.random() * request.days)
      const body = JSON.stringify({
        organisation_id: request.organisationId,
        peer_mentor_id: `pm-${Math.floor(Math.random() * request.recipients)}`,
        type: types[Math.floor(Math.random() * types.length)],
        occurred_at: new Date(Date.now() - day * 86_400_000 - 60_000).toISOString(),
        idempotency_key: key
      })
      const made = { key, body }
      // Keep a bounded window of earlier requests to repeat: recent ones race their first answer more often.
      if (sent.length >= 1000) sent[Math.floor(Math.random() * sent.length)] = made
      else sent.push(made)
      return made
    },
    /** Keys a 2xx answered, warm-up included: the database holds warm-up activities too. */
    acknowledged,
    sent: () => next,
    repeats: () => repeats
  }
}

interface Tally {
  ok: number
  errors: number
  readonly latencies: Array<number>
  readonly statuses: Record<string, number>
}

const cannon = (
  target: LoadTarget,
  request: LoadRequest,
  seconds: number,
  tally: Tally | undefined,
  bodies: ReturnType<typeof activityBodies> | undefined
) =>
  new Promise<void>((resolve, reject) => {
    const headers: Record<string, string> = {}
    if (request.key !== undefined) headers.authorization = `Bearer ${request.key}`
    const requests: Array<autocannon.Request> = request.kind === "get"
      ? [{ method: "GET", path: request.path, headers }]
      : [{
        method: "POST",
        path: "/api/v1/activities",
        headers: { ...headers, "content-type": "application/json" },
        setupRequest: (req, context) => {
          const made = bodies!.next()
          ;(context as { key?: string }).key = made.key
          return { ...req, body: made.body }
        },
        onResponse: (status, _body, context) => {
          const key = (context as { key?: string }).key
          if (key !== undefined && status >= 200 && status < 300) bodies!.acknowledged.add(key)
        }
      }]
    const instance = autocannon(
      { url: target.url, connections: target.connections, duration: seconds, requests },
      (error: unknown, result: autocannon.Result) => {
        if (error !== null && error !== undefined) return reject(error)
        if (tally !== undefined) tally.errors += result.errors
        resolve()
      }
    )
    if (tally === undefined) return
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1
      if (status >= 200 && status < 300) {
        tally.ok++
        tally.latencies.push(ms)
      }
    })
  })

/** The path of `wrk`, when it is installed. */
const wrkPath = (): string | undefined => {
  try {
    return execFileSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" }).trim() || undefined
  } catch {
    return undefined
  }
}

/** wrk's `done` hook prints what it measured as one line of JSON on stderr; latencies are in microseconds. */
const wrkScript = `
done = function(summary, latency, requests)
  io.stderr:write(string.format(
    '{"requests":%d,"non2xx":%d,"duration":%d,"p50":%f,"p99":%f,"errors":%d}\\n',
    summary.requests, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`

interface WrkSummary {
  readonly requests: number
  readonly non2xx: number
  readonly duration: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

/** One wrk run of `seconds` over every target at once (one wrk process each), two threads per target. */
const wrk = (bin: string, script: string, run: LoadRun, seconds: number) =>
  Promise.all(run.targets.map((target) =>
    new Promise<WrkSummary>((resolve, reject) => {
      const request = run.request as Extract<LoadRequest, { kind: "get" }>
      const args = [
        "-t",
        String(Math.min(2, target.connections)),
        "-c",
        String(target.connections),
        "-d",
        `${seconds}s`,
        "-s",
        script,
        ...(request.key === undefined ? [] : ["-H", `Authorization: Bearer ${request.key}`]),
        `${target.url}${request.path}`
      ]
      execFile(bin, args, { encoding: "utf8" }, (error, _stdout, stderr) => {
        if (error !== null) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`))
        const line = stderr.split("\n").find((l) => l.startsWith("{"))
        if (line === undefined) return reject(new Error(`wrk printed no summary\n${stderr}`))
        resolve(JSON.parse(line) as WrkSummary)
      })
    })
  ))

const measureWithWrk = async (bin: string, run: LoadRun): Promise<LoadResult> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-wrk-"))
  const script = path.join(dir, "summary.lua")
  fs.writeFileSync(script, wrkScript)
  try {
    if (run.warmupSeconds > 0) await wrk(bin, script, run, run.warmupSeconds)
    const summaries = await wrk(bin, script, run, Math.max(1, Math.round(run.seconds)))
    const requests = summaries.reduce((sum, s) => sum + s.requests, 0)
    const non2xx = summaries.reduce((sum, s) => sum + s.non2xx, 0)
    const seconds = Math.max(...summaries.map((s) => s.duration)) / 1e6
    const ok = requests - non2xx
    return {
      name: run.name,
      generator: "wrk",
      ok,
      seconds,
      rate: ok / seconds,
      // Several targets at once: the worst of their percentiles.
      p50: Math.max(...summaries.map((s) => s.p50)) / 1000,
      p99: Math.max(...summaries.map((s) => s.p99)) / 1000,
      // wrk counts answers outside 2xx and 3xx but not by status.
      statuses: non2xx === 0 ? { "200": ok } : { "200": ok, "non-2xx": non2xx },
      errors: summaries.reduce((sum, s) => sum + s.errors, 0),
      keysSent: 0,
      keysAcknowledged: 0,
      repeats: 0
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const measure = async (run: LoadRun): Promise<LoadResult> => {
  const bin = run.request.kind === "get" ? wrkPath() : undefined
  if (bin !== undefined) return measureWithWrk(bin, run)
  const bodies = run.request.kind === "activities"
    ? activityBodies(run.request, `${run.name.replace(/\W+/g, "-")}-${process.pid}`)
    : undefined
  if (run.warmupSeconds > 0) {
    await Promise.all(run.targets.map((t) => cannon(t, run.request, run.warmupSeconds, undefined, bodies)))
  }
  const tally: Tally = { ok: 0, errors: 0, latencies: [], statuses: {} }
  const start = performance.now()
  await Promise.all(run.targets.map((t) => cannon(t, run.request, run.seconds, tally, bodies)))
  const seconds = (performance.now() - start) / 1000
  const sorted = tally.latencies.sort((a, b) => a - b)
  return {
    name: run.name,
    generator: "autocannon",
    ok: tally.ok,
    seconds,
    rate: tally.ok / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    statuses: tally.statuses,
    errors: tally.errors,
    keysSent: bodies?.sent() ?? 0,
    keysAcknowledged: bodies?.acknowledged.size ?? 0,
    repeats: bodies?.repeats() ?? 0
  }
}

const main = async () => {
  const plan = JSON.parse(process.argv[2]!) as LoadPlan
  const results: Array<LoadResult> = []
  for (const run of plan.runs) {
    process.stderr.write(`load: ${run.name}, ${run.seconds} s\n`)
    results.push(await measure(run))
  }
  process.stdout.write(`${JSON.stringify(results)}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
