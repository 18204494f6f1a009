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
          { cwd: benchDir, env: { ...process.env, BENCH_RESULTS: results }, timeout: 120_000 },
          (error, stdout, stderr) => error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout })
        )
      )
      expect(stdout).toContain("benchmark")
      const written = JSON.parse(fs.readFileSync(results, "utf8")) as {
        readonly mode: string
        readonly benchmarks: Record<string, { figures: ReadonlyArray<Figure>; skipped: ReadonlyArray<unknown> }>
      }
      expect(written.mode).toBe("smoke")
      expect(Object.keys(written.benchmarks).sort()).toEqual(["backfill", "ingest", "scale"])
      for (const outcome of Object.values(written.benchmarks)) {
        expect(outcome.figures.length).toBeGreaterThan(0)
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
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 130_000)
})
