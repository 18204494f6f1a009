import type { Engine, Stores } from "@badge-engine/core"
import { Backfill, Definitions, Progress } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { define, heldBy, record, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const backfill = (it: It) => {
  it.effect("a dry run reports who would gain a new badge and writes nothing", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      for (const [recipient, n] of [["pm-a", 3], ["pm-b", 1], ["pm-c", 2]] as const) {
        for (let i = 0; i < n; i++) yield* record(org.id, recipient, "session_completed", `2026-03-0${i + 1}T12:00:00Z`)
      }
      const def = yield* define(org.id, { name: "Two sessions", rule: { type: "session_count", threshold: 2 } })
      const runs = yield* Backfill.Backfill
      const progress = Chunk.toArray(yield* Stream.runCollect(runs.run(def.id, { dryRun: true, batchSize: 2 })))
      expect(progress.map((p) => [p.done, p.total])).toEqual([[2, 3], [3, 3]])
      expect(progress.flatMap((p) => p.gained)).toEqual(["pm-a", "pm-c"])
      expect(progress.at(-1)!.awarded).toBe(0)
      expect(yield* heldBy(org.id, "pm-a")).toEqual([])
    }))

  it.effect("a backfill awards existing recipients, reports progress, and resumes from its cursor", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      for (const recipient of ["pm-a", "pm-b", "pm-c", "pm-d"]) {
        yield* record(org.id, recipient, "session_completed", "2026-03-01T12:00:00Z")
      }
      const def = yield* define(org.id, { name: "One session", rule: { type: "session_count", threshold: 1 } })
      const runs = yield* Backfill.Backfill
      const first = Chunk.toArray(yield* Stream.runCollect(runs.run(def.id, { batchSize: 2 }).pipe(Stream.take(1))))
      expect(first[0]).toMatchObject({ done: 2, total: 4, awarded: 2, cursor: "pm-b" })
      const rest = Chunk.toArray(
        yield* Stream.runCollect(runs.run(def.id, { batchSize: 2, after: first[0]!.cursor, done: first[0]!.done }))
      )
      expect(rest.at(-1)).toMatchObject({ done: 4, total: 4, awarded: 2 })
      for (const recipient of ["pm-a", "pm-b", "pm-c", "pm-d"]) {
        expect(yield* heldBy(org.id, recipient)).toEqual([def.id])
      }
      // Running it again awards nobody twice, and a last full batch is reported once.
      const again = Chunk.toArray(yield* Stream.runCollect(runs.run(def.id, { batchSize: 2 })))
      expect(again.map((p) => p.done)).toEqual([2, 4])
      expect(again.at(-1)!.awarded).toBe(0)
    }))

  it.effect("a badge gained in a backfill awards the rules that depend on it, and only those met", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      for (const [recipient, n] of [["pm-a", 2], ["pm-b", 1], ["pm-c", 2]] as const) {
        for (let i = 0; i < n; i++) yield* record(org.id, recipient, "session_completed", `2026-03-0${i + 1}T12:00:00Z`)
      }
      const two = yield* define(org.id, { name: "Two sessions", rule: { type: "session_count", threshold: 2 } })
      const next = yield* define(org.id, { name: "Next step", rule: { type: "badges_earned", definitions: [two.id] } })
      const trained = yield* define(org.id, {
        name: "Trained",
        rule: { type: "training_completion_count", threshold: 1 }
      })
      yield* define(org.id, { name: "Both", rule: { type: "badges_earned", definitions: [two.id, trained.id] } })
      const runs = yield* Backfill.Backfill
      const progress = Chunk.toArray(yield* Stream.runCollect(runs.run(two.id, { batchSize: 2 })))
      expect(progress.flatMap((p) => p.gained)).toEqual(["pm-a", "pm-c"])
      expect(yield* heldBy(org.id, "pm-a")).toEqual([two.id, next.id].sort())
      expect(yield* heldBy(org.id, "pm-b")).toEqual([])
      expect(yield* heldBy(org.id, "pm-c")).toEqual([two.id, next.id].sort())
    }))

  it.effect("progress lists every active definition with earned, current and target", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, { name: "First", rule: { type: "session_count", threshold: 1 } })
      const ten = yield* define(org.id, { name: "Ten", rule: { type: "session_count", threshold: 10 } })
      const manual = yield* define(org.id, { name: "Manual" })
      yield* define(org.id, { name: "Archived", active: false, rule: { type: "session_count", threshold: 1 } })
      yield* record(org.id, "pm-1", "session_completed", "2026-03-01T12:00:00Z")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-02T12:00:00Z")
      const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(org.id, "pm-1"))
      expect(progress.map((p) => [p.definition.id, p.earned, p.current, p.target])).toEqual([
        [first.id, true, 2, 1],
        [ten.id, false, 2, 10],
        [manual.id, false, 0, 1]
      ])
      expect((yield* Effect.flatMap(Definitions.Definitions, (d) => d.get(first.id))).earnedCount).toBe(1)
    }))
}
