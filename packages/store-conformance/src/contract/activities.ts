import { ActivityStore, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { activity, hoursAfter, organisation } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** The activities port: records, idempotency keys and the per-day aggregates. */
export const activities = (it: It) => {
  it.effect("records activities and keeps per-day aggregates", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      yield* store.record(activity(org.id, "pm-1", "session_completed"), "2026-03-01")
      yield* store.record(activity(org.id, "pm-1", "session_completed", hoursAfter(1)), "2026-03-01")
      yield* store.record(activity(org.id, "pm-1", "session_completed", hoursAfter(30)), "2026-03-02")
      yield* store.record(activity(org.id, "pm-1", "training_completed"), "2026-03-01")
      yield* store.record(activity(org.id, "pm-2", "session_completed"), "2026-03-01")

      const days = yield* store.days(org.id, "pm-1")
      expect(days).toEqual([
        { type: "session_completed", day: "2026-03-01", count: 2 },
        { type: "training_completed", day: "2026-03-01", count: 1 },
        { type: "session_completed", day: "2026-03-02", count: 1 }
      ])
      const sessions = yield* store.days(org.id, "pm-1", ["session_completed"])
      expect(sessions.map((d) => d.count)).toEqual([2, 1])
      const none = yield* store.days(org.id, "pm-1", [])
      expect(none).toEqual([])
      const totals = yield* store.totals(org.id, "pm-1")
      expect(Object.fromEntries(totals)).toEqual({ session_completed: 3, training_completed: 1 })
    }))

  it.effect("reads several recipients' aggregates in one read, as it reads each of them", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      const other = yield* organisation()
      yield* store.record(activity(org.id, "pm-1", "session_completed", hoursAfter(30)), "2026-03-02")
      yield* store.record(activity(org.id, "pm-1", "session_completed"), "2026-03-01")
      yield* store.record(activity(org.id, "pm-1", "training_completed"), "2026-03-01")
      yield* store.record(activity(org.id, "pm-2", "session_completed"), "2026-03-01")
      yield* store.record(activity(other.id, "pm-3", "session_completed"), "2026-03-01")
      const days = yield* store.daysOf(org.id, ["pm-1", "pm-2", "pm-3"])
      expect(Array.from(days.keys()).sort()).toEqual(["pm-1", "pm-2"])
      for (const id of ["pm-1", "pm-2"]) {
        expect(days.get(id)).toEqual(yield* store.days(org.id, id))
      }
      expect((yield* store.daysOf(org.id, [])).size).toBe(0)
    }))

  it.effect("an idempotency key seen before changes nothing and returns the first activity", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      const first = yield* store.record(
        activity(org.id, "pm-1", "session_completed", hoursAfter(0), "session-42"),
        "2026-03-01"
      )
      expect(first.inserted).toBe(true)
      const replay = yield* store.record(
        activity(org.id, "pm-1", "session_completed", hoursAfter(5), "session-42"),
        "2026-03-01"
      )
      expect(replay.inserted).toBe(false)
      expect(replay.activity.id).toBe(first.activity.id)
      expect(replay.activity.occurredAt).toEqual(hoursAfter(0))
      const totals = yield* store.totals(org.id, "pm-1")
      expect(totals.get("session_completed")).toBe(1)
      // The same key in another organisation is another activity.
      const other = yield* organisation()
      const elsewhere = yield* store.record(
        activity(other.id, "pm-1", "session_completed", hoursAfter(0), "session-42"),
        "2026-03-01"
      )
      expect(elsewhere.inserted).toBe(true)
    }))

  it.effect("records a batch in one write per table, skipping keys seen before or earlier in the batch", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      yield* store.record(activity(org.id, "pm-1", "session_completed", hoursAfter(0), "k-1"), "2026-03-01")
      const stored = yield* store.recordMany([
        { activity: activity(org.id, "pm-1", "session_completed", hoursAfter(1), "k-1"), day: "2026-03-01" },
        { activity: activity(org.id, "pm-1", "session_completed", hoursAfter(2), "k-2"), day: "2026-03-01" },
        { activity: activity(org.id, "pm-1", "session_completed", hoursAfter(3), "k-2"), day: "2026-03-01" },
        { activity: activity(org.id, "pm-1", "session_completed", hoursAfter(30)), day: "2026-03-02" },
        { activity: activity(org.id, "pm-2", "training_completed", hoursAfter(1)), day: "2026-03-01" }
      ])
      expect(stored).toHaveLength(3)
      expect(Object.fromEntries(yield* store.totals(org.id, "pm-1"))).toEqual({ session_completed: 3 })
      expect(yield* store.days(org.id, "pm-1")).toEqual([
        { type: "session_completed", day: "2026-03-01", count: 2 },
        { type: "session_completed", day: "2026-03-02", count: 1 }
      ])
      expect(yield* store.countRecipients(org.id)).toBe(2)
      expect(yield* store.recordMany([])).toEqual([])
    }))

  it.effect("lists an organisation's recipients in pages", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      for (const id of ["pm-c", "pm-a", "pm-b", "pm-a"]) {
        yield* store.record(activity(org.id, id, "session_completed"), "2026-03-01")
      }
      expect(yield* store.countRecipients(org.id)).toBe(3)
      const first = yield* store.recipients(org.id, { limit: 2 })
      expect(first).toEqual(["pm-a", "pm-b"])
      const rest = yield* store.recipients(org.id, { after: "pm-b", limit: 2 })
      expect(rest).toEqual(["pm-c"])
    }))
}
