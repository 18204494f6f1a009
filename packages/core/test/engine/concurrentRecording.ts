import { Activities, type Engine, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Either } from "effect"
import { define, heldBy, record, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

/** Concurrent calls share transactions; each caller still sees only its own activity's outcome. */
export const concurrentRecording = (it: It) => {
  it.effect("concurrent callers each get their own activity and the awards it caused", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const recipients = Array.from({ length: 30 }, (_, i) => `pm-${i}`)
      const results = yield* Effect.all(
        recipients.map((id, i) =>
          record(org.id, id, i % 2 === 0 ? "session_completed" : "login", "2026-03-10T09:00:00Z", `k-${id}`)
        ),
        { concurrency: "unbounded" }
      )
      results.forEach((result, i) => {
        expect(result.replayed).toBe(false)
        expect(result.activity).toMatchObject({ recipientId: `pm-${i}`, idempotencyKey: `k-pm-${i}` })
        expect(result.awards.map((a) => [a.definitionId, a.recipient.value, a.activityId])).toEqual(
          i % 2 === 0 ? [[first.id, `pm-${i}`, result.activity.id]] : []
        )
      })
      expect(new Set(results.map((r) => r.activity.id)).size).toBe(30)
    }))

  it.effect("activities of one recipient sent at once award once, citing the activity that met the rule", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const three = yield* define(org.id, { name: "Three Sessions", rule: { type: "session_count", threshold: 3 } })
      const results = yield* Effect.all(
        Array.from({ length: 6 }, (_, i) => record(org.id, "pm-1", "session_completed", `2026-03-10T0${i}:00:00Z`)),
        { concurrency: "unbounded" }
      )
      const awarded = results.filter((r) => r.awards.length > 0)
      expect(awarded).toHaveLength(1)
      expect(awarded[0]!.awards.map((a) => [a.definitionId, a.activityId])).toEqual([
        [three.id, awarded[0]!.activity.id]
      ])
      expect(yield* heldBy(org.id, "pm-1")).toEqual([three.id])
    }))

  it.effect("a key replayed among concurrent calls answers every caller with the first outcome", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const results = yield* Effect.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 3 === 0
            ? record(org.id, "pm-same", "session_completed", "2026-03-10T09:00:00Z", "shared")
            : record(org.id, `pm-${i}`, "login", "2026-03-10T09:00:00Z")),
        { concurrency: "unbounded" }
      )
      const shared = results.filter((_, i) => i % 3 === 0)
      expect(shared.filter((r) => !r.replayed)).toHaveLength(1)
      const original = shared.find((r) => !r.replayed)!
      for (const result of shared) {
        expect(result.activity.id).toBe(original.activity.id)
        expect(result.awards.map((a) => a.id)).toEqual(original.awards.map((a) => a.id))
      }
      expect(original.awards.map((a) => a.definitionId)).toEqual([first.id])
      expect(results.filter((_, i) => i % 3 !== 0).every((r) => !r.replayed && r.awards.length === 0)).toBe(true)
    }))

  it.effect("a bad activity or an unknown organisation among concurrent calls fails alone", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const results = yield* Effect.all(
        Array.from({ length: 12 }, (_, i) =>
          Effect.either(
            i === 4
              ? record(org.id, "pm-4", "not valid", "2026-03-10T09:00:00Z")
              : i === 7
              ? record("org-missing" as never, "pm-7", "session_completed", "2026-03-10T09:00:00Z")
              : record(org.id, `pm-${i}`, "session_completed", "2026-03-10T09:00:00Z")
          )),
        { concurrency: "unbounded" }
      )
      expect(Either.isLeft(results[4]!) && results[4].left).toMatchObject({ _tag: "InvalidInput", field: "type" })
      expect(Either.isLeft(results[7]!) && results[7].left).toMatchObject({ _tag: "NotFound" })
      results.forEach((result, i) => {
        if (i === 4 || i === 7) return
        expect(Either.isRight(result) && result.right.awards.map((a) => a.definitionId)).toEqual([first.id])
      })
      expect(yield* heldBy(org.id, "pm-4")).toEqual([])
    }))

  it.effect("a limit reached among concurrent callers awards the first in line, and milestones follow only those", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, {
        name: "First three",
        maxAwards: 3,
        rule: { type: "session_count", threshold: 1 }
      })
      const ready = yield* define(org.id, { name: "Ready", rule: { type: "badges_earned", definitions: [first.id] } })
      const results = yield* Effect.all(
        Array.from({ length: 10 }, (_, i) => record(org.id, `pm-${i}`, "session_completed", "2026-03-10T09:00:00Z")),
        { concurrency: "unbounded" }
      )
      const awarded = results.filter((r) => r.awards.length > 0)
      expect(awarded).toHaveLength(3)
      for (const result of awarded) {
        expect(result.awards.map((a) => a.definitionId)).toEqual([first.id, ready.id])
        expect(yield* heldBy(org.id, result.activity.recipientId)).toEqual([first.id, ready.id].sort())
      }
      for (const result of results.filter((r) => r.awards.length === 0)) {
        expect(yield* heldBy(org.id, result.activity.recipientId)).toEqual([])
      }
    }))

  it.effect("a batch that reaches a limit awards as one-by-one delivery would, milestones only after real awards", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, {
        name: "First three",
        maxAwards: 3,
        rule: { type: "session_count", threshold: 1 }
      })
      const ready = yield* define(org.id, { name: "Ready", rule: { type: "badges_earned", definitions: [first.id] } })
      const activities = yield* Activities.Activities
      const batch = yield* activities.recordBatch(Array.from({ length: 10 }, (_, i) => ({
        organisationId: org.id,
        recipientId: `pm-${i}`,
        type: "session_completed",
        occurredAt: DateTime.unsafeMake("2026-03-10T09:00:00Z")
      })))
      expect(batch).toMatchObject({ recorded: 10, replayed: 0 })
      const byRecipient = new Map<string, Array<string>>()
      for (const award of batch.awards) {
        byRecipient.set(award.recipient.value, [...(byRecipient.get(award.recipient.value) ?? []), award.definitionId])
      }
      expect(byRecipient.size).toBe(3)
      for (const [recipient, made] of byRecipient) {
        expect(made).toEqual([first.id, ready.id])
        expect(yield* heldBy(org.id, recipient)).toEqual([first.id, ready.id].sort())
      }
    }))
}
