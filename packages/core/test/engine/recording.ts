import {
  Activities,
  Awards,
  BadgeEvents,
  type Engine,
  isAwardEvent,
  Progress,
  Recipient,
  type Stores
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Chunk, DateTime, Effect, Either, Stream } from "effect"
import { define, heldBy, record, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const recording = (it: It) => {
  it.effect("the first session awards First Session, in the same call, once", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const first = yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const result = yield* record(org.id, "pm-kari", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.replayed).toBe(false)
      expect(result.awards.map((a) => a.definitionId)).toEqual([first.id])
      expect(result.awards[0]).toMatchObject({ source: "rule", awardedBy: "system", ruleVersion: 1 })
      expect(result.awards[0]!.activityId).toBe(result.activity.id)
      const second = yield* record(org.id, "pm-kari", "session_completed", "2026-03-10T10:00:00Z")
      expect(second.awards).toEqual([])
      expect(yield* heldBy(org.id, "pm-kari")).toEqual([first.id])
    }))

  it.effect("evaluates only the rules the activity's type can change", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      yield* define(org.id, { name: "Trainee", rule: { type: "training_completion_count", threshold: 1 } })
      const sessions = yield* define(org.id, { name: "Sessions", rule: { type: "session_count", threshold: 1 } })
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.awards.map((a) => a.definitionId)).toEqual([sessions.id])
    }))

  it.effect("a replayed idempotency key returns the first result and changes nothing", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const two = yield* define(org.id, { name: "Two Sessions", rule: { type: "session_count", threshold: 2 } })
      const first = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z", "s-1")
      const replay = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z", "s-1")
      expect(replay.replayed).toBe(true)
      expect(replay.activity.id).toBe(first.activity.id)
      expect(replay.awards.map((a) => a.id)).toEqual(first.awards.map((a) => a.id))
      const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(org.id, "pm-1"))
      expect(progress.find((p) => p.definition.id === two.id)).toMatchObject({ current: 1, target: 2, earned: false })
    }))

  it.effect("the same activity sent 20 times at once is counted once and awards once", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "First Session", rule: { type: "session_count", threshold: 1 } })
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z", "dup")),
        { concurrency: "unbounded" }
      )
      expect(results.filter((r) => !r.replayed)).toHaveLength(1)
      expect(new Set(results.flatMap((r) => r.awards.map((a) => a.id))).size).toBe(1)
      expect(yield* heldBy(org.id, "pm-1")).toEqual([def.id])
    }))

  it.effect("concurrent activities of one recipient each see the other's: a count badge is never missed", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const three = yield* define(org.id, { name: "Three sessions", rule: { type: "session_count", threshold: 3 } })
      const recipients = Array.from({ length: 20 }, (_, i) => `pm-${i}`)
      for (const recipient of recipients) yield* record(org.id, recipient, "session_completed", "2026-03-01T12:00:00Z")
      // Two more sessions per recipient, on different days, all at once: whichever commits second makes three.
      yield* Effect.all(
        recipients.flatMap((recipient) => [
          record(org.id, recipient, "session_completed", "2026-03-02T12:00:00Z"),
          record(org.id, recipient, "session_completed", "2026-03-03T12:00:00Z")
        ]),
        { concurrency: "unbounded" }
      )
      for (const recipient of recipients) expect(yield* heldBy(org.id, recipient)).toEqual([three.id])
    }))

  it.effect("awards several badges of one activity, and milestones of badges in the same call", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const sessions = yield* define(org.id, { name: "Sessions", rule: { type: "session_count", threshold: 1 } })
      const anything = yield* define(org.id, { name: "Anything", rule: { type: "activity_count", threshold: 1 } })
      const milestone = yield* define(org.id, {
        name: "Milestone",
        rule: { type: "badges_earned", definitions: [sessions.id, anything.id] }
      })
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.awards.map((a) => a.definitionId).sort()).toEqual([sessions.id, anything.id, milestone.id].sort())
    }))

  it.effect("a composite that needs a badge is evaluated again when the badge is earned in the same call", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const sessions = yield* define(org.id, { name: "Sessions", rule: { type: "session_count", threshold: 1 } })
      const combo = yield* define(org.id, {
        name: "Combo",
        rule: {
          type: "all_of",
          rules: [{ type: "badges_earned", definitions: [sessions.id] }, { type: "activity_count", threshold: 1 }]
        }
      })
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.awards.map((a) => a.definitionId).sort()).toEqual([sessions.id, combo.id].sort())
    }))

  it.effect("badges awarded by hand count towards milestones", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const a = yield* define(org.id, { name: "A" })
      const b = yield* define(org.id, { name: "B" })
      const both = yield* define(org.id, { name: "Both", rule: { type: "badges_earned", definitions: [a.id, b.id] } })
      const awards = yield* Awards.Awards
      yield* awards.award({ definitionId: a.id, recipient: Recipient.byId("pm-1"), awardedBy: "admin" })
      expect(yield* heldBy(org.id, "pm-1")).toEqual([a.id])
      yield* awards.award({ definitionId: b.id, recipient: Recipient.byId("pm-1"), awardedBy: "admin" })
      expect(yield* heldBy(org.id, "pm-1")).toEqual([a.id, b.id, both.id].sort())
    }))

  it.effect("a batch records its new activities, skips replays, and awards as one-by-one delivery would", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const two = yield* define(org.id, { name: "Two sessions", rule: { type: "session_count", threshold: 2 } })
      const trained = yield* define(org.id, {
        name: "Trained",
        rule: { type: "training_completion_count", threshold: 1 }
      })
      yield* record(org.id, "pm-1", "session_completed", "2026-03-01T12:00:00Z", "s-1")
      const activities = yield* Activities.Activities
      const at = (iso: string) => DateTime.unsafeMake(iso)
      const batch = yield* activities.recordBatch([
        {
          organisationId: org.id,
          recipientId: "pm-1",
          type: "session_completed",
          occurredAt: at("2026-03-01T12:00:00Z"),
          idempotencyKey: "s-1"
        },
        {
          organisationId: org.id,
          recipientId: "pm-1",
          type: "session_completed",
          occurredAt: at("2026-03-02T12:00:00Z"),
          idempotencyKey: "s-2"
        },
        {
          organisationId: org.id,
          recipientId: "pm-2",
          type: "session_completed",
          occurredAt: at("2026-03-02T12:00:00Z")
        },
        {
          organisationId: org.id,
          recipientId: "pm-3",
          type: "training_completed",
          occurredAt: at("2026-03-02T12:00:00Z")
        }
      ])
      expect(batch).toMatchObject({ recorded: 3, replayed: 1 })
      expect(batch.awards.map((a) => [a.recipient.value, a.definitionId]).sort()).toEqual(
        [["pm-1", two.id], ["pm-3", trained.id]].sort()
      )
      expect(yield* heldBy(org.id, "pm-2")).toEqual([])
      const bad = yield* Effect.flip(activities.recordBatch([
        {
          organisationId: org.id,
          recipientId: "pm-1",
          type: "session_completed",
          occurredAt: at("2026-03-03T12:00:00Z")
        },
        { organisationId: org.id, recipientId: "pm-1", type: "not valid", occurredAt: at("2026-03-03T12:00:00Z") }
      ]))
      expect(bad).toMatchObject({ _tag: "InvalidInput", field: "activities.1.type" })
    }))

  it.effect("refuses an activity that breaks the model, naming the field", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const error = yield* Effect.flip(record(org.id, "", "session_completed", "2026-03-10T09:00:00Z"))
      expect(error).toMatchObject({ _tag: "InvalidInput", field: "recipientId" })
      const type = yield* Effect.flip(record(org.id, "pm-1", "has spaces", "2026-03-10T09:00:00Z"))
      expect(type).toMatchObject({ _tag: "InvalidInput", field: "type" })
    }))

  it.effect("publishes BadgeAwarded for each award after the activity commits", () =>
    Effect.scoped(Effect.gen(function*() {
      const events = yield* BadgeEvents
      const subscription = yield* events.subscribe
      const org = yield* setup()
      const def = yield* define(org.id, { name: "First", rule: { type: "session_count", threshold: 1 } })
      yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z", "k")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z", "k")
      const seen = yield* subscription.pipe(
        Stream.filter(isAwardEvent),
        Stream.filter((e) => e.award.organisationId === org.id),
        Stream.take(1),
        Stream.runCollect
      )
      expect(Chunk.toArray(seen).map((e) => [e._tag, e.award.definitionId])).toEqual([["BadgeAwarded", def.id]])
    })))

  it.effect("activity_count counts any type, or one type, within the last N days or between dates", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      yield* setNow("2026-03-20T12:00:00Z")
      const recent = yield* define(org.id, {
        name: "Busy week",
        rule: { type: "activity_count", threshold: 3, last_days: 7 }
      })
      const march = yield* define(org.id, {
        name: "Early March trainings",
        rule: {
          type: "activity_count",
          activity_type: "training_completed",
          threshold: 2,
          from: "2026-03-01",
          to: "2026-03-05"
        }
      })
      yield* record(org.id, "pm-1", "session_completed", "2026-03-01T10:00:00Z")
      yield* record(org.id, "pm-1", "training_completed", "2026-03-02T10:00:00Z")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-15T10:00:00Z")
      yield* record(org.id, "pm-1", "session_completed", "2026-03-19T10:00:00Z")
      expect(yield* heldBy(org.id, "pm-1")).toEqual([])
      const third = yield* record(org.id, "pm-1", "training_completed", "2026-03-20T10:00:00Z")
      expect(third.awards.map((a) => a.definitionId)).toEqual([recent.id])
      const late = yield* record(org.id, "pm-1", "training_completed", "2026-03-05T22:00:00Z")
      expect(late.awards.map((a) => a.definitionId)).toEqual([march.id])
    }))

  it.effect("all_of and any_of combine rules", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const both = yield* define(org.id, {
        name: "Both",
        rule: {
          type: "all_of",
          rules: [{ type: "session_count", threshold: 1 }, { type: "training_completion_count", threshold: 1 }]
        }
      })
      const either = yield* define(org.id, {
        name: "Either",
        rule: {
          type: "any_of",
          rules: [{ type: "session_count", threshold: 5 }, { type: "training_completion_count", threshold: 1 }]
        }
      })
      const session = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(session.awards).toEqual([])
      const training = yield* record(org.id, "pm-1", "training_completed", "2026-03-10T10:00:00Z")
      expect(training.awards.map((a) => a.definitionId).sort()).toEqual([both.id, either.id].sort())
    }))

  it.effect("a definition's maxAwards caps rule awards too", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, {
        name: "First three",
        maxAwards: 3,
        rule: { type: "session_count", threshold: 1 }
      })
      const results = yield* Effect.all(
        Array.from({ length: 10 }, (_, i) => record(org.id, `pm-${i}`, "session_completed", "2026-03-10T09:00:00Z")),
        { concurrency: "unbounded" }
      )
      expect(results.flatMap((r) => r.awards).filter((a) => a.definitionId === def.id)).toHaveLength(3)
    }))

  it.effect("an activity for an unknown organisation is refused", () =>
    Effect.gen(function*() {
      yield* setup()
      const result = yield* Effect.either(
        record("org-missing" as never, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      )
      expect(Either.isLeft(result) && result.left._tag).toBe("NotFound")
    }))
}
