/**
 * Keeps the benchmarks working: a smoke run must finish and write every benchmark's figures as numbers.
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const benchDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")

interface Figure {
  readonly case: string
  readonly metric: string
  readonly value: unknown
  readonly baseline?: unknown
  readonly ratio?: unknown
}

describe("pnpm bench --smoke", () => {
  it("runs every benchmark and writes numeric figures beside their baselines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"))
    const results = path.join(dir, "results.json")
    try {
      const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
        execFile(
          process.execPath,
          ["--import", "tsx", "src/main.ts", "--smoke"],
          { cwd: benchDir, env: { ...process.env, BENCH_RESULTS: results }, timeout: 230_000 },
          (error, stdout, stderr) => error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout })
        )
      )
      expect(stdout).toContain("benchmark")
      const written = JSON.parse(fs.readFileSync(results, "utf8")) as {
        readonly mode: string
        readonly benchmarks: Record<string, { figures: ReadonlyArray<Figure>; skipped: ReadonlyArray<unknown> }>
      }
      expect(written.mode).toBe("smoke")
      expect(Object.keys(written.benchmarks).sort()).toEqual(["backfill", "http", "ingest", "processes", "scale"])
      for (const outcome of Object.values(written.benchmarks)) {
        // processes runs on Postgres only: without a server it has no figures, only its reason.
        expect(outcome.figures.length > 0 || outcome.skipped.length > 0).toBe(true)
        for (const figure of outcome.figures) {
          expect(Number.isFinite(figure.value)).toBe(true)
          if (figure.baseline !== undefined) {
            expect(Number.isFinite(figure.baseline)).toBe(true)
            expect(Number.isFinite(figure.ratio)).toBe(true)
          }
        }
        // Without a server the Postgres cases are skipped and say so; under CI they must have run.
        const ranPostgres = outcome.figures.some((f) => f.case === "Postgres")
        if (process.env.CI === "true") expect(ranPostgres).toBe(true)
        else expect(ranPostgres || outcome.skipped.length > 0).toBe(true)
      }
      // http: req/s, p50 and p99 of both endpoints beside the raw server's, on SQLite at least.
      const http = written.benchmarks.http!.figures.filter((f) => f.case === "SQLite file (WAL)")
      for (const endpoint of ["GET /badge-definitions/:id", "GET /badge-definitions?limit=20"]) {
        for (const metric of ["req/s", "p50", "p99"]) {
          const found = http.find((f) => f.metric.startsWith(endpoint) && f.metric.endsWith(metric))
          expect(found, `${endpoint} ${metric}`).toBeDefined()
          expect(Number.isFinite(found!.ratio)).toBe(true)
        }
      }
      // processes: a throughput beside one process's, and SQL checks that found no duplicate.
      const processes = written.benchmarks.processes!
      if (processes.figures.length > 0) {
        const rate = processes.figures.find((f) => f.metric.startsWith("activities/s"))
        expect(Number.isFinite(rate?.ratio)).toBe(true)
        const checks = processes.figures.filter((f) => f.metric.startsWith("SQL check"))
        expect(checks.length).toBe(2)
        for (const check of checks) expect(check.value).toBe(0)
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 240_000)
})
