/**
 * `badges_earned`: holding all of a set of badges, or at least `at_least` of them (BadgeKit's milestones).
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { BadgeDefinitionId } from "../../Ids.js"
import * as Criteria from "../Criteria.js"

/** The `badges_earned` criteria type. */
export const badgesEarned = Criteria.make({
  type: "badges_earned",
  parameters: Schema.Struct({
    definitions: Schema.NonEmptyArray(BadgeDefinitionId),
    at_least: Schema.optional(Criteria.Threshold)
  }).pipe(
    Schema.filter((p) =>
      p.at_least !== undefined && p.at_least > new Set(p.definitions).size
        ? { path: ["at_least"], message: "must not exceed the number of definitions" }
        : undefined
    )
  ),
  triggers: () => [Criteria.BadgeEarned],
  evaluate: (p, context) =>
    Effect.map(context.held, (held) => {
      const wanted = new Set(p.definitions)
      const current = Array.from(wanted).filter((id) => held.has(id)).length
      return Criteria.outcome(current, p.at_least ?? wanted.size)
    })
})
