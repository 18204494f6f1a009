/**
 * The benchmark harness: modes, timing, progress on stderr, the table and the JSON results.
 * Every figure is printed beside a baseline measured in the same run, because absolute numbers move on a shared
 * machine while ratios hold.
 */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"

/** How big a run is: `smoke` keeps CI fast, `quick` is the default, `full` uses the sizes the targets speak of. */
export type Mode = "smoke" | "quick" | "full"

/** What the command line asked for. */
export interface Options {
  readonly mode: Mode
  /** Benchmark names to run; all when absent. */
  readonly only: ReadonlyArray<string> | undefined
  /** Whether the Postgres cases run (a server answers, or CI requires it). */
  readonly postgres: boolean
}

/** Picks a size by mode. */
export const sized = <A>(mode: Mode, sizes: { readonly smoke: A; readonly quick: A; readonly full: A }): A =>
  sizes[mode]

/** Reads `--smoke`, `--full` and `--only a,b` from the arguments. */
export const parseArgs = (argv: ReadonlyArray<string>): Omit<Options, "postgres"> => {
  const mode: Mode = argv.includes("--smoke") ? "smoke" : argv.includes("--full") ? "full" : "quick"
  const at = argv.findIndex((arg) => arg === "--only" || arg.startsWith("--only="))
  const list = at < 0 ? undefined : argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1]
  const only = list?.split(",").map((name) => name.trim()).filter((name) => name.length > 0)
  return { mode, only }
}

/** One measured figure, with its baseline when it has one. */
export interface Figure {
  readonly benchmark: string
  readonly case: string
  readonly metric: string
  readonly value: number
  readonly unit: string
  /** The baseline's value in the same unit, measured in the same run. */
  readonly baseline?: number | undefined
  readonly baselineName?: string | undefined
  /** `value / baseline`. */
  readonly ratio?: number | undefined
  readonly note?: string | undefined
  /** The target this figure answers, as the table prints it (`≥ 0.7×`, `≤ 10 ms`), and whether it is met. */
  readonly target?: string | undefined
  readonly met?: boolean | undefined
}

/** A target on a figure: its ratio to the baseline, or its value, at least or at most a bound. */
export type Goal =
  | { readonly ratio: "≥" | "≤"; readonly bound: number }
  | { readonly value: "≥" | "≤"; readonly bound: number }

const holds = (sign: "≥" | "≤", x: number, bound: number) => sign === "≥" ? x >= bound : x <= bound

/** A figure with its ratio worked out and judged against a target. */
export const judged = (f: Omit<Figure, "ratio" | "target" | "met">, goal: Goal): Figure => {
  const base = figure(f)
  if ("ratio" in goal) {
    return {
      ...base,
      target: `${goal.ratio} ${goal.bound}×`,
      met: base.ratio !== undefined && holds(goal.ratio, base.ratio, goal.bound)
    }
  }
  return {
    ...base,
    target: `${goal.value} ${goal.bound.toLocaleString("en-GB")}${f.unit === "/s" ? "/s" : ` ${f.unit}`}`,
    met: holds(goal.value, f.value, goal.bound)
  }
}

/** A case that did not run, and why. */
export interface Skipped {
  readonly benchmark: string
  readonly case: string
  readonly reason: string
}

/** What one benchmark returns. */
export interface Outcome {
  readonly figures: ReadonlyArray<Figure>
  readonly skipped: ReadonlyArray<Skipped>
}

/** A benchmark: a name for `--only` and a program over the options. */
export interface Benchmark {
  readonly name: string
  readonly run: (options: Options) => Effect.Effect<Outcome, unknown>
}

/** A figure with its ratio to the baseline worked out. */
export const figure = (f: Omit<Figure, "ratio">): Figure =>
  f.baseline === undefined || f.baseline === 0 ? f : { ...f, ratio: f.value / f.baseline }

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6

/** Runs an effect and returns its value with the wall time it took, in milliseconds. */
export const timed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<[A, number], E, R> =>
  Effect.suspend(() => {
    const start = nowMs()
    return Effect.map(effect, (a): [A, number] => [a, nowMs() - start])
  })

/** Times a synchronous or promised function. */
export const timedPromise = <A>(f: () => A | Promise<A>): Effect.Effect<[A, number]> =>
  Effect.promise(async () => {
    const start = nowMs()
    const a = await f()
    return [a, nowMs() - start] as [A, number]
  })

/** The median of some numbers. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs an effect `runs` times after one warm-up and returns the median wall time in milliseconds. */
export const medianMs = <A, E, R>(runs: number, effect: Effect.Effect<A, E, R>): Effect.Effect<number, E, R> =>
  Effect.gen(function*() {
    yield* effect
    const times: Array<number> = []
    for (let i = 0; i < runs; i++) times.push((yield* timed(effect))[1])
    return median(times)
  })

/**
 * A one-line progress indicator on stderr: redrawn in place on a terminal, otherwise a line every ~10%
 * so that logs of CI stay short.
 */
export const progress = (label: string, total: number) => {
  const tty = process.stderr.isTTY === true
  let done = 0
  let lastDecile = -1
  let lastDraw = 0
  const draw = (final: boolean) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
    const line = `${label}: ${done}/${total} (${percent}%)`
    if (tty) {
      const now = Date.now()
      if (!final && now - lastDraw < 100) return
      lastDraw = now
      process.stderr.write(`\r\x1b[2K${line}${final ? "\n" : ""}`)
    } else {
      const decile = Math.floor(percent / 10)
      if (decile > lastDecile || final) {
        if (decile > lastDecile) process.stderr.write(`${line}\n`)
        lastDecile = decile
      }
    }
  }
  return {
    /** Sets how many are done. */
    set: (value: number) => {
      done = Math.min(value, total)
      draw(false)
    },
    /** Adds to how many are done. */
    add: (n = 1) => {
      done = Math.min(done + n, total)
      draw(false)
    },
    /** Ends the line. */
    end: () => {
      done = total
      draw(true)
    }
  }
}

/** Writes a status line on stderr. */
export const say = (message: string): Effect.Effect<void> => Effect.sync(() => process.stderr.write(`${message}\n`))

const format = (value: number | undefined, unit = ""): string => {
  if (value === undefined) return ""
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3
  return `${value.toLocaleString("en-GB", { maximumFractionDigits: digits })}${unit === "" ? "" : ` ${unit}`}`
}

/** The figures as a plain-text table. */
export const table = (figures: ReadonlyArray<Figure>, skipped: ReadonlyArray<Skipped>): string => {
  const header = ["benchmark", "case", "metric", "value", "baseline", "ratio", "target", "note"]
  const rows = [
    ...figures.map((f) => [
      f.benchmark,
      f.case,
      f.metric,
      format(f.value, f.unit),
      f.baseline === undefined ? "" : `${format(f.baseline, f.unit)} (${f.baselineName ?? "baseline"})`,
      f.ratio === undefined ? "" : `${format(f.ratio)}×`,
      f.target === undefined ? "" : `${f.target}: ${f.met === true ? "met" : "NOT MET"}`,
      f.note ?? ""
    ]),
    ...skipped.map((s) => [s.benchmark, s.case, "skipped", "", "", "", "", s.reason])
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

/** What the JSON file holds. */
export interface Results {
  readonly mode: Mode
  readonly startedAt: string
  readonly durationSeconds: number
  readonly machine: {
    readonly node: string
    readonly cpus: number
    readonly platform: string
  }
  readonly benchmarks: Record<string, Outcome>
}

/** Writes the results as JSON, creating the folder. */
export const writeResults = (file: string, results: Results): Effect.Effect<void> =>
  Effect.sync(() => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  })
