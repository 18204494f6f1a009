/**
 * Evaluation: a recipient's progress on rules, and the awards rules make. An award a rule makes is made once
 * per definition and recipient, whatever the retries, by a key the database keeps unique.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { ActivityDay } from "../activities/Activity.js"
import type { Activity } from "../activities/Activity.js"
import { ActivityStore } from "../activities/ActivityStore.js"
import { localDay } from "../activities/Calendar.js"
import { type Award, awardOf, type NewAward, Recipient } from "../awards/Award.js"
import { AwardStore } from "../awards/AwardStore.js"
import type { BadgeDefinition, RuleProblem } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import type { StoreError } from "../Errors.js"
import { type AwardId, type BadgeDefinitionId, IdGenerator, type OrganisationId } from "../Ids.js"
import type { Organisation } from "../tenancy/Organisation.js"
import * as Criteria from "./Criteria.js"
import { CriteriaRegistry } from "./CriteriaRegistry.js"
import type { Rule } from "./Rule.js"
import { ruleProblemMessage } from "./RuleProblems.js"

/** The key that makes a rule's award once per definition and recipient. */
export const ruleAwardKey = (definition: BadgeDefinition, recipientId: string): string =>
  `rule:${definition.id}:${Recipient.keyOfId(recipientId)}`

/** A recipient's reads made beforehand, with a whole batch's (a backfill's), instead of one query each. */
export interface Reads {
  readonly days: ReadonlyArray<ActivityDay>
  readonly held: ReadonlySet<BadgeDefinitionId>
}

/**
 * What a plan must know to leave out the awards the store would refuse, as recording alone would not make them:
 * the recipients' once-only keys (awards made before, whatever their state now) and the places left under
 * `maxAwards`, by definition, taken as the plan goes.
 */
export interface PlanLimits {
  readonly onceKeys: ReadonlySet<string>
  readonly placesLeft: Map<BadgeDefinitionId, number>
}

/** Reads the {@link PlanLimits} of the recipients' plans on the organisation's definitions with rules. */
export const readPlanLimits = (
  store: AwardStore["Type"],
  organisationId: OrganisationId,
  recipientIds: ReadonlyArray<string>,
  definitions: ReadonlyArray<BadgeDefinition>
): Effect.Effect<PlanLimits, StoreError> =>
  Effect.gen(function*() {
    const capped = definitions.filter((d) => d.maxAwards !== undefined).map((d) => d.id)
    const onceKeys = yield* store.onceKeysOf(organisationId, recipientIds.map(Recipient.byCheckedId))
    const placesLeft = new Map(capped.length === 0 ? [] : yield* store.placesLeft(capped))
    return { onceKeys, placesLeft }
  })

/** What {@link Evaluation} `awardMet` evaluates. */
export interface AwardMetOptions {
  readonly organisation: Organisation
  readonly recipientId: string
  /** The organisation's active definitions with rules. */
  readonly definitions: ReadonlyArray<BadgeDefinition>
  /** Evaluate first only the rules this activity type can change. */
  readonly activityType?: string | undefined
  /** Evaluate first only the rules one of these activity types can change (a batch of activities). */
  readonly activityTypes?: ReadonlyArray<string> | undefined
  /** Evaluate first only this definition. Without either option, every rule is evaluated first. */
  readonly definitionId?: string | undefined
  readonly now: DateTime.Utc
  /** The activity that caused the evaluation: recorded on the awards it makes, and shown to plugins. */
  readonly activity?: Activity | undefined
  /** The recipient's reads, made beforehand: the first round uses them instead of reading again. */
  readonly reads?: Reads | undefined
  /** For `planMet`: the awards the store would refuse, left out of the plan. */
  readonly limits?: PlanLimits | undefined
}

/** An award a rule is about to make. */
export interface PlannedAward {
  readonly award: NewAward
  readonly onceKey: string
}

/**
 * A rule that cannot be evaluated (a plugin that fails, parameters stored before they were bounded) is logged,
 * reported on its definition and skipped: undefined, so that one bad rule never stops the organisation's other
 * rules, activities or progress. The report is written once, and cleared by the rule's next evaluation that works.
 * Its write is part of the caller's transaction: a failure fails the caller (a Postgres transaction could not go
 * on after a failed statement anyway).
 */
export const skippingBroken = (definition: BadgeDefinition, store: DefinitionStore["Type"]) =>
<A, E, R>(
  evaluation: Effect.Effect<A, E | Criteria.EvaluationError, R>
): Effect.Effect<A | undefined, Exclude<E, Criteria.EvaluationError> | StoreError, R> =>
  Effect.matchEffect(evaluation, {
    onSuccess: (outcome) =>
      definition.ruleProblem === undefined
        ? Effect.succeed(outcome)
        : Effect.as(store.clearRuleProblem(definition.id, definition.ruleVersion), outcome),
    onFailure: (error): Effect.Effect<undefined, Exclude<E, Criteria.EvaluationError> | StoreError> =>
      error instanceof Criteria.EvaluationError
        ? Effect.gen(function*() {
          yield* Effect.logWarning("a rule could not be evaluated; skipped").pipe(
            Effect.annotateLogs({ definitionId: definition.id, type: error.type, cause: String(error.cause) })
          )
          if (definition.ruleProblem === undefined) {
            const problem: RuleProblem = { message: ruleProblemMessage(error), since: yield* DateTime.now }
            yield* store.reportRuleProblem(definition.id, definition.ruleVersion, problem)
          }
          return undefined
        })
        : Effect.fail(error as Exclude<E, Criteria.EvaluationError>)
  })

/** Evaluation services. */
export class Evaluation extends Context.Tag("@badge-engine/core/Evaluation")<Evaluation, {
  /** A context whose reads are cached: one query for the days, one for the held badges, or none given `reads`. */
  readonly context: (
    organisation: Organisation,
    recipientId: string,
    now: DateTime.Utc,
    reads?: Reads,
    activity?: Activity
  ) => Effect.Effect<Criteria.EvaluationContext>
  /** A context over reads made beforehand: nothing to read, so nothing to run (a backfill makes one per recipient). */
  readonly contextOf: (
    organisation: Organisation,
    recipientId: string,
    now: DateTime.Utc,
    reads: Reads
  ) => Criteria.EvaluationContext
  /** The recipient's outcome on one rule. */
  readonly outcome: (
    rule: Rule,
    context: Criteria.EvaluationContext
  ) => Effect.Effect<Criteria.Outcome, StoreError | Criteria.EvaluationError>
  /** The award a met rule makes, not yet stored, with the key that makes it once per recipient. */
  readonly ruleAward: (
    definition: BadgeDefinition,
    recipientId: string,
    now: DateTime.Utc,
    activity?: Activity
  ) => Effect.Effect<PlannedAward>
  /**
   * Evaluates a recipient's rules and makes the awards whose rules are met, then evaluates again the rules that
   * depend on badges while new awards keep coming. Returns the awards made.
   */
  readonly awardMet: (
    options: AwardMetOptions
  ) => Effect.Effect<ReadonlyArray<Award>, StoreError | Criteria.EvaluationError>
  /**
   * The awards `awardMet` would make if every one it tried were made, not stored, in the order it would make them:
   * for callers that insert many at once and check that each was made.
   */
  readonly planMet: (
    options: AwardMetOptions
  ) => Effect.Effect<ReadonlyArray<PlannedAward>, StoreError | Criteria.EvaluationError>
}>() {}

/** Builds the Evaluation service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const activities = yield* ActivityStore
  const awards = yield* AwardStore
  const registry = yield* CriteriaRegistry
  const ids = yield* IdGenerator
  const definitionStore = yield* DefinitionStore

  const contextWith = (
    organisation: Organisation,
    recipientId: string,
    now: DateTime.Utc,
    days: Effect.Effect<ReadonlyArray<ActivityDay>, StoreError>,
    held: Effect.Effect<ReadonlySet<BadgeDefinitionId>, StoreError>,
    activity?: Activity
  ) => {
    const self: Criteria.EvaluationContext = {
      organisation,
      recipientId,
      now,
      today: localDay(now, organisation.timezone),
      days,
      held,
      activity,
      evaluate: (rule) => registry.evaluate(rule, self)
    }
    return self
  }

  const contextOf = (organisation: Organisation, recipientId: string, now: DateTime.Utc, reads: Reads) =>
    contextWith(organisation, recipientId, now, Effect.succeed(reads.days), Effect.succeed(reads.held))

  const context = (
    organisation: Organisation,
    recipientId: string,
    now: DateTime.Utc,
    reads?: Reads,
    activity?: Activity
  ) =>
    Effect.gen(function*() {
      const days = reads !== undefined
        ? Effect.succeed(reads.days)
        : yield* Effect.cached(activities.days(organisation.id, recipientId))
      const held = reads !== undefined
        ? Effect.succeed(reads.held)
        : yield* Effect.cached(awards.held(organisation.id, Recipient.byId(recipientId), now))
      return contextWith(organisation, recipientId, now, days, held, activity)
    })

  const triggeredBy = (definition: BadgeDefinition, trigger: string) => {
    if (definition.rule === undefined) return false
    const triggers = registry.triggers(definition.rule)
    return triggers.has(trigger) || (trigger !== Criteria.BadgeEarned && triggers.has(Criteria.AnyActivity))
  }

  const ruleAward = (definition: BadgeDefinition, recipientId: string, now: DateTime.Utc, activity?: Activity) =>
    Effect.map(ids.make("award"), (id): PlannedAward => ({
      award: awardOf(definition, {
        id: id as AwardId,
        // The ids evaluated are checked ones: an activity's, a stored award's or recipient's.
        recipient: Recipient.byCheckedId(recipientId),
        awardedAt: now,
        awardedBy: "system",
        source: "rule",
        ruleVersion: definition.ruleVersion,
        activityId: activity?.id
      }),
      onceKey: ruleAwardKey(definition, recipientId)
    }))

  /**
   * The rounds of `awardMet`: the rules met, each award made by `make` (undefined: not made), then the rules that
   * depend on badges again while new awards keep coming.
   */
  const metRounds = <A>(
    options: AwardMetOptions,
    make: (planned: PlannedAward) => Effect.Effect<A | undefined, StoreError>
  ) =>
    Effect.gen(function*() {
      const made: Array<A> = []
      const earned = new Set<BadgeDefinitionId>()
      const rules = options.definitions.filter((d) => d.rule !== undefined && d.active)
      let candidates = options.definitionId !== undefined
        ? rules.filter((d) => d.id === options.definitionId)
        : options.activityType !== undefined
        ? rules.filter((d) => triggeredBy(d, options.activityType!))
        : options.activityTypes !== undefined
        ? rules.filter((d) => options.activityTypes!.some((type) => triggeredBy(d, type)))
        : rules
      const dependsOnBadges = rules.filter((d) => triggeredBy(d, Criteria.BadgeEarned))
      // Later rounds read again: the awards of the round before change what the recipient holds.
      let reads = options.reads
      while (candidates.length > 0) {
        const evaluation = yield* context(
          options.organisation,
          options.recipientId,
          options.now,
          reads,
          options.activity
        )
        const held = yield* evaluation.held
        let madeThisRound = 0
        for (const definition of candidates) {
          if (held.has(definition.id)) continue
          const result = yield* registry.evaluate(definition.rule!, evaluation).pipe(
            skippingBroken(definition, definitionStore)
          )
          if (result === undefined || !result.met) continue
          const award = yield* make(yield* ruleAward(definition, options.recipientId, options.now, options.activity))
          if (award === undefined) continue
          made.push(award)
          earned.add(definition.id)
          madeThisRound++
        }
        candidates = madeThisRound === 0 ? [] : dependsOnBadges.filter((d) => !earned.has(d.id))
        // The next round sees the same days and what is held now: no need to read them again.
        reads = { days: yield* evaluation.days, held: new Set([...held, ...earned]) }
      }
      return made
    })

  const awardMet = Effect.fn("Evaluation.awardMet")(function*(options: AwardMetOptions) {
    return yield* metRounds(options, (planned) =>
      awards.insert(planned.award, { onceKey: planned.onceKey }).pipe(
        // Made before, by a retry or another process; or no place left: either way, nothing to award now.
        Effect.catchTags({
          Conflict: () => Effect.succeed(undefined),
          AwardLimitReached: () => Effect.succeed(undefined),
          DefinitionInactive: () => Effect.succeed(undefined),
          NotFound: () => Effect.succeed(undefined)
        })
      ))
  })

  // Untraced (no span per call): planned for every activity recorded.
  const planMet = (options: AwardMetOptions) =>
    metRounds(options, (planned): Effect.Effect<PlannedAward | undefined> => {
      const limits = options.limits
      if (limits === undefined) return Effect.succeed(planned)
      // Made before (also revoked or expired since): recording alone would not make it again.
      if (limits.onceKeys.has(planned.onceKey)) return Effect.succeed(undefined)
      const left = limits.placesLeft.get(planned.award.definitionId)
      if (left === undefined) return Effect.succeed(planned)
      if (left <= 0) return Effect.succeed(undefined)
      limits.placesLeft.set(planned.award.definitionId, left - 1)
      return Effect.succeed(planned)
    })

  return Evaluation.of({ context, contextOf, outcome: registry.evaluate, ruleAward, awardMet, planMet })
})

/** Evaluation over the store and registry in context. */
export const layer: Layer.Layer<
  Evaluation,
  never,
  ActivityStore | AwardStore | CriteriaRegistry | DefinitionStore | IdGenerator
> = Layer.effect(
  Evaluation,
  make
)
