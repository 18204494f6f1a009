/**
 * `pnpm profile [get|list|401|health] [seconds] [sqlite|postgres]`: a CPU profile of `badge-engine serve` under wrk's load
 * (10 connections) on one endpoint of the http benchmark, seeded the same way, and a summary of the functions that
 * took the most time themselves. The profile is written to `results/` for a flame graph (Chrome's DevTools, speedscope).
 */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { paths, seed } from "./benchmarks/http.js"
import { badgeServer, runLoad } from "./children.js"
import { say } from "./harness.js"
import { postgres, sqliteFile } from "./stores.js"

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
}

interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const here = path.dirname(fileURLToPath(import.meta.url))
const outDir = path.join(here, "..", "results")

/** Where a frame comes from, short: the package and file, or Node's internals. */
const place = (url: string): string => {
  const modules = url.lastIndexOf("node_modules/")
  if (modules >= 0) return url.slice(modules + "node_modules/".length).replace(/^\.pnpm\/[^/]+\/node_modules\//, "")
  const packages = url.indexOf("/packages/")
  if (packages >= 0) return url.slice(packages + 1)
  return url === "" ? "(native)" : url.replace(/^node:/, "node:")
}

/**
 * Self time per frame and per package, as shares of the busy (not idle) samples of the last `windowSeconds` of the
 * profile: the load, without the start-up (module loading, migrations) before it.
 */
export const summarise = (profile: Profile, windowSeconds: number, top = 30): string => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const byPackage = new Map<string, number>()
  const times: Array<number> = []
  let clock = 0
  for (const dt of profile.timeDeltas) times.push(clock += dt)
  const from = clock - windowSeconds * 1e6
  let busy = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const dt = profile.timeDeltas[i] ?? 0
    if (times[i]! < from) return
    if (frame.functionName === "(idle)" || frame.functionName === "(program)") return
    busy += dt
    const where = place(frame.url)
    const key = `${frame.functionName || "(anonymous)"}  ${where}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + dt)
    const pkg = frame.functionName === "(garbage collector)"
      ? "(garbage collector)"
      : where.startsWith("node:") || where === "(native)"
      ? "node internals"
      : where.split("/").slice(0, where.startsWith("@") || where.startsWith("packages/") ? 2 : 1).join("/")
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt)
  })
  const rows = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) =>
      `${((v / busy) * 100).toFixed(1).padStart(5)}%  ${k}`
    )
  return [
    `busy ${(busy / 1e6).toFixed(1)} s of samples`,
    "self time by package:",
    ...rows(byPackage, 12),
    `top ${top} frames by self time:`,
    ...rows(self, top)
  ].join("\n")
}

/** The request loaded: one definition, a page of 20, one definition without a key (401), or `/health`. */
const requestFor = (endpoint: string, p: ReturnType<typeof paths>, key: string) => {
  switch (endpoint) {
    case "list":
      return { kind: "get", path: p.list, key } as const
    case "401":
      return { kind: "get", path: p.get, key: undefined } as const
    case "health":
      return { kind: "get", path: "/health", key: undefined } as const
    default:
      return { kind: "get", path: p.get, key } as const
  }
}

const [endpoint = "get", secondsArg = "8", database = "sqlite"] = process.argv.slice(2)

const program = Effect.scoped(Effect.gen(function*() {
  const target = database === "postgres" ? yield* postgres : yield* sqliteFile
  const { definitionId, key } = yield* seed(target)
  fs.mkdirSync(outDir, { recursive: true })
  const dir = fs.mkdtempSync(path.join(outDir, "profile-"))
  yield* Effect.scoped(Effect.gen(function*() {
    const server = yield* badgeServer(
      target._tag === "postgres" ? target.url : (target as { filename: string }).filename,
      [
        "--cpu-prof",
        `--cpu-prof-dir=${dir}`
      ]
    )
    const p = paths(definitionId)
    yield* say(`profile: ${endpoint} for ${secondsArg} s`)
    const cpuBefore = yield* server.cpuMs
    const [result] = yield* runLoad({
      runs: [{
        name: endpoint,
        targets: [{ url: server.url, connections: 10 }],
        request: requestFor(endpoint, p, key),
        seconds: Number(secondsArg),
        warmupSeconds: 2
      }]
    })
    // CPU time per answer moves less with the machine's load than the rate does: it compares changes on a busy machine.
    // Every answer counts, whatever its status: the 401 load is all 401s.
    const answers = Object.values(result!.statuses).reduce((sum, n) => sum + n, 0)
    const rate = answers / result!.seconds
    const cpuPerRequest = ((yield* server.cpuMs) - cpuBefore) * 1000 / (rate * (result!.seconds + 2))
    yield* say(
      `${result!.generator}: ${rate.toFixed(0)} req/s, p50 ${result!.p50.toFixed(2)} ms, p99 ${
        result!.p99.toFixed(2)
      } ms; the server's CPU time per answer about ${cpuPerRequest.toFixed(0)} µs (warm-up included)`
    )
  }))
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))
  if (file === undefined) return yield* Effect.fail(new Error(`no profile written to ${dir}`))
  // The measured seconds of the load, after its warm-up.
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile
  console.log(summarise(profile, Number(secondsArg)))
  yield* say(`profile: ${path.join(dir, file)}`)
}))

Effect.runPromise(program).catch((error) => {
  console.error(error)
  process.exit(1)
})
