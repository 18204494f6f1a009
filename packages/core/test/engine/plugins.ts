/**
 * A criteria plugin that reads a service of the host app, as the scenarios register it.
 */
import { Criteria } from "@badge-engine/core"
import { Context, Effect, Layer, Schema } from "effect"

/** A host service: which recipients finished their onboarding. */
export class Onboarding extends Context.Tag("test/Onboarding")<Onboarding, {
  readonly finished: (recipientId: string) => Effect.Effect<boolean>
}>() {
  static readonly layer = Layer.succeed(Onboarding, {
    finished: (recipientId) => Effect.succeed(recipientId.startsWith("done-"))
  })
}

/** `onboarded_and_active`: onboarding finished (asked of the host) and at least `sessions` sessions. */
export const onboardedAndActive = Criteria.make({
  type: "onboarded_and_active",
  parameters: Schema.Struct({ sessions: Criteria.Threshold }),
  triggers: () => ["session_completed"],
  evaluate: (p, context) =>
    Effect.gen(function*() {
      const onboarding = yield* Onboarding
      const finished = yield* onboarding.finished(context.recipientId)
      const days = yield* context.days
      const sessions = days.filter((d) => d.type === "session_completed").reduce((n, d) => n + d.count, 0)
      return Criteria.outcome((finished ? 1 : 0) + Math.min(sessions, p.sessions), 1 + p.sessions)
    })
})

/** `grade_at_least`: the grade an activity reports in its attributes reaches a minimum (read from the activity). */
export const gradeAtLeast = Criteria.make({
  type: "grade_at_least",
  parameters: Schema.Struct({ grade: Schema.Number }),
  triggers: () => ["exam_passed"],
  evaluate: (p, context) => {
    const grade = context.activity?.attributes?.grade
    return Effect.succeed(Criteria.outcome(typeof grade === "number" ? grade : 0, p.grade))
  }
})
