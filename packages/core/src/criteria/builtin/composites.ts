/**
 * `all_of` and `any_of`: composites of other rules. Progress counts the nested rules that are met.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import * as Criteria from "../Criteria.js"
import { Rule } from "../Rule.js"

const Rules = Schema.Struct({ rules: Schema.NonEmptyArray(Rule) })

const composite = (type: string, target: (count: number) => number) =>
  Criteria.make({
    type,
    parameters: Rules,
    triggers: () => [],
    children: (p) => p.rules,
    evaluate: (p, context) =>
      Effect.map(
        Effect.forEach(p.rules, (rule) => context.evaluate(rule)),
        (results) => Criteria.outcome(results.filter((r) => r.met).length, target(results.length))
      )
  })

/** `all_of`: every nested rule is met. */
export const allOf = composite("all_of", (count) => count)

/** `any_of`: at least one nested rule is met. */
export const anyOf = composite("any_of", () => 1)
