/**
 * The criteria plugin interface: a criteria type is a name, a `Schema` for its parameters, the activity types
 * that can change its outcome, and an `evaluate` Effect that may require services of the host app.
 *
 * @since 0.1.0
 */
import type { DateTime } from "effect"
import { type Effect, Schema } from "effect"
import type { Activity, ActivityDay } from "../activities/Activity.js"
import * as Errors from "../Errors.js"
import type { StoreError } from "../Errors.js"
import type { BadgeDefinitionId } from "../Ids.js"
import type { Organisation } from "../tenancy/Organisation.js"
import type { Rule } from "./Rule.js"

/** A rule's outcome for a recipient: how far towards its target, and whether it is met. */
export interface Outcome {
  readonly current: number
  readonly target: number
  readonly met: boolean
}

/** The outcome of `current` towards `target`; met once `current` reaches it. */
export const outcome = (current: number, target: number): Outcome => ({ current, target, met: current >= target })

/** The trigger of rules that depend on other badges: they are evaluated again when a badge is earned. */
export const BadgeEarned = "@badge-earned" as const

/** Stands for every activity type in a rule's triggers. */
export const AnyActivity = "@any-activity" as const

/** What can change a rule's outcome: some activity types (and/or {@link BadgeEarned}), or any activity. */
export type Triggers = ReadonlyArray<string> | "any"

/** A plugin's evaluation failed (see {@link Errors.EvaluationError}). */
export const EvaluationError = Errors.EvaluationError
/** @since 0.1.0 */
export type EvaluationError = Errors.EvaluationError

/** What an evaluation can read about the recipient. Reads are cached for one evaluation round. */
export interface EvaluationContext {
  readonly organisation: Organisation
  readonly recipientId: string
  readonly now: DateTime.Utc
  /** The activity being recorded, when one caused this evaluation: plugins may read its `attributes`. */
  readonly activity?: Activity | undefined
  /** Today's local date in the organisation's time zone. */
  readonly today: string
  /** The recipient's activity counts per type and local day. */
  readonly days: Effect.Effect<ReadonlyArray<ActivityDay>, StoreError>
  /** The definitions the recipient holds a live award of. */
  readonly held: Effect.Effect<ReadonlySet<BadgeDefinitionId>, StoreError>
  /** Evaluates a nested rule (for composites). */
  readonly evaluate: (rule: Rule) => Effect.Effect<Outcome, StoreError | EvaluationError>
}

/** A criteria type. `R` is what its evaluation needs from the host app; `E` how it may fail. */
export interface CriteriaType<P = unknown, E = never, R = never> {
  readonly type: string
  /** The rule's parameters, everything but `type`. Decoding errors name the offending field. */
  readonly parameters: Schema.Schema<P, any>
  readonly triggers: (parameters: P) => Triggers
  readonly evaluate: (parameters: P, context: EvaluationContext) => Effect.Effect<Outcome, E | StoreError, R>
  /** Rules nested in the parameters, validated with the registry (composites). */
  readonly children?: ((parameters: P) => ReadonlyArray<Rule>) | undefined
}

/** Defines a criteria type, inferring its parameter type from the schema. */
export const make = <P, I, E = never, R = never>(definition: {
  readonly type: string
  readonly parameters: Schema.Schema<P, I>
  readonly triggers: (parameters: P) => Triggers
  readonly evaluate: (parameters: P, context: EvaluationContext) => Effect.Effect<Outcome, E | StoreError, R>
  readonly children?: (parameters: P) => ReadonlyArray<Rule>
}): CriteriaType<P, E, R> => definition as CriteriaType<P, E, R>

/** The largest threshold: far above any count a badge asks for, and a bound every evaluation can compute with. */
export const maxThreshold = 1_000_000

/** A positive whole-number threshold: the seed's `{ type, threshold }`, at most {@link maxThreshold}. */
export const Threshold = Schema.Int.pipe(
  Schema.between(1, maxThreshold, { message: () => `must be a whole number from 1 to ${maxThreshold}` })
)

/** The longest window of days a rule looks back: 100 years, so that the window's first day is a real date. */
export const maxDays = 36_600

/** A number of days: a whole number from 1 to {@link maxDays}. */
export const Days = Schema.Int.pipe(
  Schema.between(1, maxDays, { message: () => `must be a whole number of days from 1 to ${maxDays}` })
)
