/**
 * The criteria types an engine knows: the built-ins, and the plugins a host registers (one layer each).
 * It validates rules when definitions are written, and evaluates them.
 *
 * @since 0.1.0
 */
import { Context, Effect, Either, Layer, type ParseResult, Schema } from "effect"
import { InvalidInput, StoreError } from "../Errors.js"
import { invalidInput } from "../Validation.js"
import { activityCount, sessionCount, trainingCompletionCount } from "./builtin/activityCount.js"
import { badgesEarned } from "./builtin/badgesEarned.js"
import { allOf, anyOf } from "./builtin/composites.js"
import { streakDays } from "./builtin/streakDays.js"
import * as Criteria from "./Criteria.js"
import type { Rule } from "./Rule.js"

/** The criteria types every engine knows. */
export const builtIns: ReadonlyArray<Criteria.CriteriaType<any, Criteria.EvaluationError | StoreError, never>> = [
  sessionCount,
  trainingCompletionCount,
  activityCount,
  streakDays,
  badgesEarned,
  allOf,
  anyOf
]

/** How deep composites may nest: deeper rules are refused when written. */
const maxDepth = 5

type Registered = Criteria.CriteriaType<unknown, Criteria.EvaluationError, never>

/** The registry of criteria types. */
export class CriteriaRegistry extends Context.Tag("@badge-engine/core/CriteriaRegistry")<CriteriaRegistry, {
  /** Adds a criteria type whose evaluation needs nothing more (see {@link plugin} for one that does). */
  readonly register: (
    type: Criteria.CriteriaType<any, Criteria.EvaluationError | StoreError, never>
  ) => Effect.Effect<void>
  /** The names of the known types. */
  readonly types: () => ReadonlyArray<string>
  /** Checks a rule: a known type, with parameters its schema accepts. Errors name the field under `field`. */
  readonly validate: (rule: Rule, field?: string) => Effect.Effect<Rule, InvalidInput>
  /**
   * What can change the rule's outcome: activity types, {@link Criteria.AnyActivity} and {@link Criteria.BadgeEarned}.
   * Composites take the union of their rules'. Unknown types have no triggers.
   */
  readonly triggers: (rule: Rule) => ReadonlySet<string>
  /** Evaluates a rule for the recipient of `context`. */
  readonly evaluate: (
    rule: Rule,
    context: Criteria.EvaluationContext
  ) => Effect.Effect<Criteria.Outcome, StoreError | Criteria.EvaluationError>
}>() {}

const parametersOf = ({ type: _, ...parameters }: Rule) => parameters

/** Builds a registry with the built-in types. */
export const make: Effect.Effect<CriteriaRegistry["Type"]> = Effect.sync(() => {
  const registered = new Map<string, Registered>()
  for (const type of builtIns) registered.set(type.type, type as Registered)

  // Rules are read on every activity; a definition's rule object is kept while the definition is unchanged, so
  // each rule is decoded (and its triggers found) once, not on every evaluation.
  const decoded = new WeakMap<Rule, Either.Either<unknown, ParseResult.ParseError>>()
  const decode = (plugin: Registered, rule: Rule) => {
    let result = decoded.get(rule)
    if (result === undefined) {
      result = Schema.decodeUnknownEither(plugin.parameters, { onExcessProperty: "error" })(parametersOf(rule))
      decoded.set(rule, result)
    }
    return result
  }

  const validate = (rule: Rule, field: string, depth: number): Effect.Effect<Rule, InvalidInput> =>
    Effect.gen(function*() {
      if (depth > maxDepth) {
        return yield* new InvalidInput({ field, reason: `composite rules nest at most ${maxDepth} deep` })
      }
      const plugin = registered.get(rule.type)
      if (plugin === undefined) {
        return yield* new InvalidInput({
          field: `${field}.type`,
          reason: `unknown criteria type "${rule.type}"; known types: ${Array.from(registered.keys()).join(", ")}`
        })
      }
      const decoded = decode(plugin, rule)
      if (Either.isLeft(decoded)) return yield* invalidInput(decoded.left, field)
      const children = plugin.children?.(decoded.right) ?? []
      yield* Effect.forEach(children, (child, i) => validate(child, `${field}.rules.${i}`, depth + 1))
      return rule
    })

  const triggersOf = new WeakMap<Rule, ReadonlySet<string>>()
  const triggers = (rule: Rule): ReadonlySet<string> => {
    let found = triggersOf.get(rule)
    if (found === undefined) {
      found = findTriggers(rule)
      triggersOf.set(rule, found)
    }
    return found
  }
  const findTriggers = (rule: Rule): ReadonlySet<string> => {
    const plugin = registered.get(rule.type)
    if (plugin === undefined) return new Set()
    const decoded = decode(plugin, rule)
    if (Either.isLeft(decoded)) return new Set()
    const own = plugin.triggers(decoded.right)
    const all = new Set(own === "any" ? [Criteria.AnyActivity] : own)
    for (const child of plugin.children?.(decoded.right) ?? []) {
      for (const trigger of triggers(child)) all.add(trigger)
    }
    return all
  }

  const evaluate = (
    rule: Rule,
    context: Criteria.EvaluationContext
  ): Effect.Effect<Criteria.Outcome, StoreError | Criteria.EvaluationError> => {
    const plugin = registered.get(rule.type)
    if (plugin === undefined) return Effect.fail(new Criteria.EvaluationError({ type: rule.type }))
    const decoded = decode(plugin, rule)
    if (Either.isLeft(decoded)) {
      return Effect.fail(new Criteria.EvaluationError({ type: rule.type, cause: decoded.left }))
    }
    // A plugin that throws fails this rule alone, as an EvaluationError, never the evaluation of the others.
    return plugin.evaluate(decoded.right, context).pipe(
      Effect.catchAllDefect((defect) => Effect.fail(new Criteria.EvaluationError({ type: rule.type, cause: defect })))
    )
  }

  return CriteriaRegistry.of({
    register: (type) => Effect.sync(() => void registered.set(type.type, type as Registered)),
    types: () => Array.from(registered.keys()),
    validate: (rule, field = "rule") => validate(rule, field, 1),
    triggers,
    evaluate
  })
})

/** The registry with the built-in criteria types. */
export const layer: Layer.Layer<CriteriaRegistry> = Layer.effect(CriteriaRegistry, make)

/** A plugin's evaluation with the host services it needs provided, and its failures typed. */
const providing = <P, E, R>(type: Criteria.CriteriaType<P, E, R>) =>
  Effect.map(
    Effect.context<R>(),
    (context): Criteria.CriteriaType<P, Criteria.EvaluationError | StoreError, never> => ({
      ...type,
      evaluate: (parameters, evaluation) =>
        type.evaluate(parameters, evaluation).pipe(
          Effect.provide(context),
          Effect.mapError((error) =>
            error instanceof StoreError ? error : new Criteria.EvaluationError({ type: type.type, cause: error })
          )
        )
    })
  )

/** The requirements of a list of plugins. */
export type PluginContext<Ps extends ReadonlyArray<Criteria.CriteriaType<any, any, any>>> = Ps[number] extends
  Criteria.CriteriaType<any, any, infer R> ? R : never

/** The registry with the built-in types and these plugins; their host services come from the layer's context. */
export const layerWith = <const Ps extends ReadonlyArray<Criteria.CriteriaType<any, any, any>>>(
  ...plugins: Ps
): Layer.Layer<CriteriaRegistry, never, PluginContext<Ps>> =>
  Layer.effect(
    CriteriaRegistry,
    Effect.gen(function*() {
      const registry = yield* make
      for (const type of plugins) yield* registry.register(yield* providing(type))
      return registry
    })
  )

/**
 * Registers a plugin into the registry in context. Its evaluation may need host services `R`: the layer takes
 * them from its context, so the host provides them as layers. Failures other than storage become
 * `EvaluationError`s.
 */
export const plugin = <P, E, R>(
  type: Criteria.CriteriaType<P, E, R>
): Layer.Layer<never, never, CriteriaRegistry | R> =>
  Layer.effectDiscard(Effect.gen(function*() {
    const registry = yield* CriteriaRegistry
    yield* registry.register(yield* providing(type))
  }))
