import type { Engine, Stores } from "@badge-engine/core"
import { Progress } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { define, heldBy, record, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const streaks = (it: It) => {
  it.effect("counts streak days in the organisation's time zone across the DST change", () =>
    Effect.gen(function*() {
      const org = yield* setup("Europe/Oslo")
      yield* setNow("2026-04-01T12:00:00Z")
      const streak = yield* define(org.id, { name: "Three days", rule: { type: "streak_days", threshold: 3 } })
      // Local Oslo days 28, 29 (DST starts) and 30 March, each reported near local midnight.
      yield* record(org.id, "pm-1", "session_completed", "2026-03-28T23:30:00Z") // 29 Mar 00:30 local (UTC+1)
      yield* record(org.id, "pm-1", "session_completed", "2026-03-27T23:30:00Z") // 28 Mar 00:30 local
      expect(yield* heldBy(org.id, "pm-1")).toEqual([])
      const third = yield* record(org.id, "pm-1", "session_completed", "2026-03-30T21:30:00Z") // 30 Mar 23:30 (UTC+2)
      expect(third.awards.map((a) => a.definitionId)).toEqual([streak.id])
    }))

  it.effect("two activities on one local day are one streak day, even when UTC dates differ", () =>
    Effect.gen(function*() {
      const org = yield* setup("America/New_York")
      const streak = yield* define(org.id, { name: "Two days", rule: { type: "streak_days", threshold: 2 } })
      // 9 March 20:00 and 23:30 in New York are 10 March in UTC.
      yield* record(org.id, "pm-1", "session_completed", "2026-03-10T00:00:00Z")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-10T03:30:00Z")
      expect(yield* heldBy(org.id, "pm-1")).toEqual([])
      const next = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T14:00:00Z")
      expect(next.awards.map((a) => a.definitionId)).toEqual([streak.id])
    }))

  it.effect("a late activity that fills a gap completes the streak", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const streak = yield* define(org.id, { name: "Five days", rule: { type: "streak_days", threshold: 5 } })
      for (const day of ["01", "02", "04", "05", "06"]) {
        yield* record(org.id, "pm-1", "session_completed", `2026-03-${day}T12:00:00Z`)
      }
      expect(yield* heldBy(org.id, "pm-1")).toEqual([])
      const late = yield* record(org.id, "pm-1", "session_completed", "2026-03-03T12:00:00Z")
      expect(late.awards.map((a) => a.definitionId)).toEqual([streak.id])
    }))

  it.effect("the longest streak counts: a later gap does not undo it, and progress shows it", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const streak = yield* define(org.id, {
        name: "Sessions streak",
        rule: { type: "streak_days", threshold: 4, activity_type: "session_completed" }
      })
      for (const day of ["01", "02", "03"]) {
        yield* record(org.id, "pm-1", "session_completed", `2026-03-${day}T12:00:00Z`)
      }
      yield* record(org.id, "pm-1", "training_completed", "2026-03-04T12:00:00Z")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-08T12:00:00Z")
      const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(org.id, "pm-1"))
      expect(progress.find((p) => p.definition.id === streak.id)).toMatchObject({
        current: 3,
        target: 4,
        earned: false
      })
    }))
}
