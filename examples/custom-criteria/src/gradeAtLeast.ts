/**
 * `grade_at_least`: a criteria plugin. Its parameters are a Schema (bad rules are refused when a definition is
 * written, naming the field); it is evaluated again when a `course_completed` activity arrives; and its evaluation
 * asks the host's course platform for the grade.
 */
import { Criteria } from "@badge-engine/core"
import { Effect, Schema } from "effect"
import { CoursePlatform } from "./CoursePlatform.js"

export const gradeAtLeast = Criteria.make({
  type: "grade_at_least",
  parameters: Schema.Struct({
    course: Schema.String.pipe(Schema.minLength(1)),
    grade: Schema.Int.pipe(Schema.between(0, 100))
  }),
  triggers: () => ["course_completed"],
  evaluate: ({ course, grade }, context) =>
    Effect.gen(function*() {
      const platform = yield* CoursePlatform
      const best = (yield* platform.bestGrade(context.recipientId, course)) ?? 0
      return Criteria.outcome(best, grade)
    })
})
