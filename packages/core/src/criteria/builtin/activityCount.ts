/**
 * `activity_count`: activities of a type (or of any type) at least `threshold` times, optionally within the last
 * `last_days` days or between the dates `from` and `to` (inclusive, in the organisation's time zone).
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { ActivityType, CalendarDay } from "../../activities/Activity.js"
import { addDays } from "../../activities/Calendar.js"
import * as Criteria from "../Criteria.js"

/** The parameters of `activity_count`. */
export const ActivityCountParameters = Schema.Struct({
  threshold: Criteria.Threshold,
  activity_type: Schema.optional(ActivityType),
  last_days: Schema.optional(Criteria.Days),
  from: Schema.optional(CalendarDay),
  to: Schema.optional(CalendarDay)
}).pipe(
  Schema.filter((p) =>
    p.last_days !== undefined && (p.from !== undefined || p.to !== undefined)
      ? { path: ["last_days"], message: "cannot be combined with from/to" }
      : p.from !== undefined && p.to !== undefined && p.from > p.to
      ? { path: ["to"], message: "must not be before from" }
      : undefined
  )
)

/** Counts activities of `type` (any type when absent) on the days a predicate keeps. */
export const countDays = (
  context: Criteria.EvaluationContext,
  type: string | undefined,
  keep: (day: string) => boolean = () => true
) =>
  Effect.map(
    context.days,
    (days) => days.reduce((sum, d) => (type === undefined || d.type === type) && keep(d.day) ? sum + d.count : sum, 0)
  )

/** The `activity_count` criteria type. */
export const activityCount = Criteria.make({
  type: "activity_count",
  parameters: ActivityCountParameters,
  triggers: (p) => p.activity_type === undefined ? "any" : [p.activity_type],
  evaluate: (p, context) => {
    const first = p.last_days !== undefined ? addDays(context.today, -(p.last_days - 1)) : p.from
    const last = p.last_days !== undefined ? context.today : p.to
    return Effect.map(
      countDays(
        context,
        p.activity_type,
        (day) => (first === undefined || day >= first) && (last === undefined || day <= last)
      ),
      (current) => Criteria.outcome(current, p.threshold)
    )
  }
})

/** A criteria type that counts one activity type against a threshold: the v1 seed's types. */
const countOf = (type: string, activityType: string) =>
  Criteria.make({
    type,
    parameters: Schema.Struct({ threshold: Criteria.Threshold }),
    triggers: () => [activityType],
    evaluate: (p, context) => Effect.map(countDays(context, activityType), (n) => Criteria.outcome(n, p.threshold))
  })

/** `session_count`: `session_completed` activities ≥ threshold. */
export const sessionCount = countOf("session_count", "session_completed")

/** `training_completion_count`: `training_completed` activities ≥ threshold. */
export const trainingCompletionCount = countOf("training_completion_count", "training_completed")
