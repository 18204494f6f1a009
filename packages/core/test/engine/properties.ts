import type { BadgeDefinition, Engine, OrganisationId, Stores } from "@badge-engine/core"
import { Activities, Calendar, Progress } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Runtime } from "effect"
import * as fc from "fast-check"
import { longestRun } from "../longestRun.js"
import { define, heldBy, record, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

/** A reported activity: a day offset into March, a type, and the idempotency key that identifies it. */
interface Reported {
  readonly recipient: string
  readonly day: number
  readonly hour: number
  readonly type: "session_completed" | "training_completed"
  readonly key: string
}

const reportedActivities = fc.uniqueArray(
  fc.record({
    recipient: fc.constantFrom("pm-a", "pm-b"),
    day: fc.integer({ min: 0, max: 20 }),
    hour: fc.integer({ min: 0, max: 23 }),
    type: fc.constantFrom("session_completed" as const, "training_completed" as const),
    key: fc.uuid()
  }),
  { selector: (a) => a.key, maxLength: 25 }
)

const occurredAt = (a: Reported) => `${Calendar.addDays("2026-03-01", a.day)}T${String(a.hour).padStart(2, "0")}:30:00Z`

const rules = (organisationId: OrganisationId) =>
  Effect.gen(function*() {
    const two = yield* define(organisationId, { name: "Two sessions", rule: { type: "session_count", threshold: 2 } })
    const trained = yield* define(organisationId, {
      name: "Trained",
      rule: { type: "training_completion_count", threshold: 1 }
    })
    const streak = yield* define(organisationId, { name: "Streak", rule: { type: "streak_days", threshold: 3 } })
    const both = yield* define(organisationId, {
      name: "Both",
      rule: { type: "badges_earned", definitions: [two.id, trained.id] }
    })
    return [two, trained, streak, both] as ReadonlyArray<BadgeDefinition>
  })

/** The names of the badges each recipient holds. */
const holdings = (organisationId: OrganisationId, definitions: ReadonlyArray<BadgeDefinition>) =>
  Effect.gen(function*() {
    const names = new Map(definitions.map((d) => [d.id as string, d.name]))
    const result: Record<string, ReadonlyArray<string>> = {}
    for (const recipient of ["pm-a", "pm-b"]) {
      result[recipient] = (yield* heldBy(organisationId, recipient)).map((id) => names.get(id)!).sort()
    }
    return result
  })

/** Checks a property over generated values; each check is an Effect run with the suite's services. */
const holdsFor = <A>(
  arbitrary: fc.Arbitrary<A>,
  check: (value: A) => Effect.Effect<void, unknown, Engine.Services | Stores>,
  numRuns: number
) =>
  Effect.gen(function*() {
    const run = Runtime.runPromise(yield* Effect.runtime<Engine.Services | Stores>())
    yield* Effect.promise(() => fc.assert(fc.asyncProperty(arbitrary, (value) => run(check(value))), { numRuns }))
  })

export const properties = (it: It, numRuns: number) => {
  it.effect(
    "a streak badge is earned exactly when the brute-force longest streak reaches it, in any arrival order",
    () =>
      holdsFor(
        fc.tuple(fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 12 }), fc.integer({ min: 1, max: 5 })),
        ([days, threshold]) =>
          Effect.gen(function*() {
            const org = yield* setup("Europe/Oslo")
            const def = yield* define(org.id, { name: "Streak", rule: { type: "streak_days", threshold } })
            // Noon in Oslo is safely inside the local day on both sides of the DST change.
            for (const day of days) {
              yield* record(org.id, "pm-1", "session_completed", `${Calendar.addDays("2026-03-20", day)}T11:00:00Z`)
            }
            const longest = longestRun(days)
            expect((yield* heldBy(org.id, "pm-1")).includes(def.id)).toBe(longest >= threshold)
            const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(org.id, "pm-1"))
            expect(progress[0]!.current).toBe(longest)
          }),
        numRuns
      ),
    { timeout: 120_000 }
  )

  it.effect(
    "any order of delivery, with any replays, one by one or as a batch, gives the awards of one delivery in time order",
    () =>
      holdsFor(
        reportedActivities.chain((activities) =>
          fc.tuple(
            fc.constant(activities),
            fc.shuffledSubarray([...activities, ...activities, ...activities], { minLength: activities.length * 3 })
          )
        ),
        ([activities, deliveries]) =>
          Effect.gen(function*() {
            const inOrder = yield* setup()
            const inOrderRules = yield* rules(inOrder.id)
            const sorted = [...activities].sort((a, b) => occurredAt(a) < occurredAt(b) ? -1 : 1)
            for (const a of sorted) yield* record(inOrder.id, a.recipient, a.type, occurredAt(a), a.key)

            const shuffled = yield* setup()
            const shuffledRules = yield* rules(shuffled.id)
            for (const a of deliveries) yield* record(shuffled.id, a.recipient, a.type, occurredAt(a), a.key)

            // The same deliveries as one batch.
            const batched = yield* setup()
            const batchedRules = yield* rules(batched.id)
            const activities_ = yield* Activities.Activities
            yield* activities_.recordBatch(deliveries.map((a) => ({
              organisationId: batched.id,
              recipientId: a.recipient,
              type: a.type,
              occurredAt: DateTime.unsafeMake(occurredAt(a)),
              idempotencyKey: a.key
            })))

            const expected = yield* holdings(inOrder.id, inOrderRules)
            expect(yield* holdings(shuffled.id, shuffledRules)).toEqual(expected)
            expect(yield* holdings(batched.id, batchedRules)).toEqual(expected)
          }),
        numRuns
      ),
    { timeout: 120_000 }
  )

  it.effect(
    "progress never counts more than the distinct activities reported",
    () =>
      holdsFor(
        fc.tuple(reportedActivities, fc.integer({ min: 1, max: 3 })),
        ([activities, copies]) =>
          Effect.gen(function*() {
            const org = yield* setup()
            yield* define(org.id, { name: "Sessions", rule: { type: "session_count", threshold: 1000 } })
            for (let i = 0; i < copies; i++) {
              for (const a of activities) yield* record(org.id, a.recipient, a.type, occurredAt(a), a.key)
            }
            for (const recipient of ["pm-a", "pm-b"]) {
              const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(org.id, recipient))
              const distinct = activities.filter((a) => a.recipient === recipient && a.type === "session_completed")
              expect(progress[0]!.current).toBe(distinct.length)
            }
          }),
        numRuns
      ),
    { timeout: 120_000 }
  )
}
