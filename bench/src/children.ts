/**
 * Child processes of the HTTP benchmarks: the real server (`badge-engine serve`), the raw baseline server and the
 * load generator, each in its own process so that the load never shares an event loop with what it measures.
 * Every child is killed when its scope closes, and again on exit should the run die first.
 */
import { Effect } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { say } from "./harness.js"
import type { LoadPlan, LoadResult } from "./load.js"

const here = path.dirname(fileURLToPath(import.meta.url))
/** The bench package: children run from here so that `--import tsx` resolves. */
export const benchDir = path.join(here, "..")
const repository = path.join(benchDir, "..")
const serverBin = path.join(repository, "packages", "cli", "dist", "bin.js")

const live = new Set<ChildProcess>()
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL")
})
// A signal would end the run without the scopes' finalizers or the exit event; the children must not outlive it.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => process.exit(code))
}

/** A port nobody listens on right now. */
export const freePort: Effect.Effect<number> = Effect.async<number>((resume) => {
  const probe = net.createServer()
  probe.listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo
    probe.close(() => resume(Effect.succeed(port)))
  })
})

/**
 * Runs a TypeScript file of this package under tsx, or built JavaScript as it is, with Node's own flags first; the
 * last 4 KiB of stderr are kept for error messages.
 */
const node = (args: ReadonlyArray<string>, stdout: "ignore" | "pipe", nodeArgs: ReadonlyArray<string> = []) => {
  const loader = args[0]!.endsWith(".ts") ? ["--import", "tsx"] : []
  const child = spawn(process.execPath, [...nodeArgs, ...loader, ...args], {
    cwd: benchDir,
    stdio: ["ignore", stdout, "pipe"]
  })
  live.add(child)
  let stderr = ""
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4096)
  })
  child.on("exit", () => live.delete(child))
  return { child, stderr: () => stderr }
}

/** SIGTERM (the server stops cleanly on it), then SIGKILL if it has not gone within five seconds. */
const stop = (child: ChildProcess): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000)
    child.once("exit", () => {
      clearTimeout(timer)
      resume(Effect.void)
    })
    child.kill("SIGTERM")
  })

/** Waits until `GET <probe>` answers 200, failing if the process exits first or after a minute. */
const ready = (url: string, probe: string, child: ChildProcess, stderr: () => string) =>
  Effect.promise(async () => {
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) return new Error(`${url}: exited with ${child.exitCode}\n${stderr()}`)
      const ok = await fetch(`${url}${probe}`).then((r) => r.ok, () => false)
      if (ok) return undefined
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return new Error(`${url}: not ready after 60 s\n${stderr()}`)
  }).pipe(Effect.flatMap((error) => error === undefined ? Effect.void : Effect.fail(error)))

/** A server child: its base URL, and its resident set size now and at its peak, in MB (Linux; 0 elsewhere). */
export interface Server {
  readonly url: string
  readonly memory: Effect.Effect<{ readonly rssMb: number; readonly peakMb: number }>
  /** The CPU time it has used so far (user and system), in milliseconds (Linux; 0 elsewhere). */
  readonly cpuMs: Effect.Effect<number>
}

/** utime and stime of /proc/<pid>/stat, in clock ticks of 10 ms (Linux's USER_HZ). */
const cpuOf = (pid: number | undefined) =>
  Effect.sync(() => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      return (Number(fields[11]) + Number(fields[12])) * 10
    } catch {
      return 0
    }
  })

const memoryOf = (pid: number | undefined) =>
  Effect.sync(() => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8")
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0)
      return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 }
    } catch {
      return { rssMb: 0, peakMb: 0 }
    }
  })

/** A child server listening on a free port, ready, and stopped when the scope closes. */
const serverProcess = (
  args: (port: number) => ReadonlyArray<string>,
  probe = "/health",
  nodeArgs: ReadonlyArray<string> = []
) =>
  Effect.gen(function*() {
    const port = yield* freePort
    const url = `http://127.0.0.1:${port}`
    // Request logs go to stdout; they are part of the server as deployed, so they are written, to nowhere.
    const { child, stderr } = yield* Effect.acquireRelease(
      Effect.sync(() => node(args(port), "ignore", nodeArgs)),
      (p) => stop(p.child)
    )
    yield* ready(url, probe, child, stderr)
    return { url, memory: memoryOf(child.pid), cpuMs: cpuOf(child.pid) } satisfies Server
  })

/**
 * The packages compiled to JavaScript (`pnpm build`, incremental: seconds when nothing changed), once per run. The
 * server is measured as it is deployed: built JavaScript, not sources compiled at start by tsx, which would add
 * about 100 MB to its resident size.
 */
export const built: Effect.Effect<void, Error> = Effect.zipRight(
  say("building the packages' JavaScript for the server (tsc -b tsconfig.build.json)"),
  Effect.async<void, Error>((resume) => {
    const tsc = path.join(repository, "node_modules", "typescript", "bin", "tsc")
    // The build's records live outside dist/: a dist/ deleted by hand is built again in full.
    const missing = ["core", "sql", "sqlite", "pg", "server", "cli"].some((name) =>
      !fs.existsSync(path.join(repository, "packages", name, "dist", "index.js"))
    )
    const args = [tsc, "-b", "tsconfig.build.json", ...(missing ? ["--force"] : [])]
    const child = spawn(process.execPath, args, { cwd: repository, stdio: "pipe" })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => output += chunk.toString())
    child.stderr.on("data", (chunk: Buffer) => output += chunk.toString())
    child.on(
      "exit",
      (code) =>
        resume(
          code === 0 ? Effect.void : Effect.fail(new Error(`pnpm build failed with ${code}\n${output.slice(-4096)}`))
        )
    )
  })
).pipe(Effect.cached, Effect.runSync)

/**
 * `badge-engine serve` over a database (a SQLite path or a postgres:// URL), with Node's own flags if given: the
 * built CLI, its workspace packages resolved to their `dist/` through the `badge-engine-built` export condition.
 */
export const badgeServer = (database: string, nodeArgs: ReadonlyArray<string> = []) =>
  Effect.zipRight(
    built,
    serverProcess(
      (port) => [serverBin, "serve", "--port", String(port), "--database", database],
      "/health",
      ["--conditions=badge-engine-built", ...nodeArgs]
    )
  )

/** The raw baseline server over a SQLite file, listing one organisation's definitions. */
export const rawServer = (filename: string, organisationId: string) =>
  serverProcess((port) => [path.join(here, "rawServer.ts"), String(port), filename, organisationId])

/** The Effect baseline: an `HttpApi` with one schema'd endpoint answering fixed JSON. */
export const effectServer = serverProcess(
  (port) => [path.join(here, "effectServer.ts"), String(port)],
  "/api/v1/badge-definitions/probe"
)

/** Runs a load plan in a separate process and returns what it measured. */
export const runLoad = (plan: LoadPlan): Effect.Effect<ReadonlyArray<LoadResult>, Error> =>
  Effect.async<ReadonlyArray<LoadResult>, Error>((resume) => {
    const { child, stderr } = node([path.join(here, "load.ts"), JSON.stringify(plan)], "pipe")
    let stdout = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.on("exit", (code) => {
      if (code !== 0) return resume(Effect.fail(new Error(`load process exited with ${code}\n${stderr()}`)))
      try {
        resume(Effect.succeed(JSON.parse(stdout.trim().split("\n").at(-1)!) as ReadonlyArray<LoadResult>))
      } catch (error) {
        resume(Effect.fail(new Error(`load process printed no results: ${String(error)}\n${stdout}`)))
      }
    })
    return stop(child)
  })
