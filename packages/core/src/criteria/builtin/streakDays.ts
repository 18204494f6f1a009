/**
 * `streak_days`: consecutive calendar days, in the organisation's time zone, with at least one activity (of any
 * type unless `activity_type` names one). The longest streak counts, so a later gap never undoes an earned streak,
 * and a late activity that fills a gap joins two runs.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { ActivityType } from "../../activities/Activity.js"
import { longestStreak } from "../../activities/Calendar.js"
import * as Criteria from "../Criteria.js"

/** The `streak_days` criteria type. */
export const streakDays = Criteria.make({
  type: "streak_days",
  parameters: Schema.Struct({ threshold: Criteria.Threshold, activity_type: Schema.optional(ActivityType) }),
  triggers: (p) => p.activity_type === undefined ? "any" : [p.activity_type],
  evaluate: (p, context) =>
    Effect.map(context.days, (days) => {
      const active = days.filter((d) => d.count > 0 && (p.activity_type === undefined || d.type === p.activity_type))
      return Criteria.outcome(longestStreak(active.map((d) => d.day)), p.threshold)
    })
})
