/**
 * Backfill: evaluating one definition for every recipient of its organisation, when the definition is created
 * or its rule changes. It streams its progress, can resume after the last recipient it reported, and can run
 * dry, returning who would gain the badge without writing anything.
 *
 * @since 0.1.0
 */
import { Chunk, Context, DateTime, Effect, Layer, Option, Stream } from "effect"
import { ActivityStore } from "../activities/ActivityStore.js"
import * as Actor from "../Actor.js"
import { type Award, Recipient } from "../awards/Award.js"
import { AwardStore } from "../awards/AwardStore.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import { type Forbidden, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import { BadgeAwarded, BadgeEvents } from "../Events.js"
import type { BadgeDefinitionId } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { Transactions } from "../Transactions.js"
import * as Criteria from "./Criteria.js"
import * as CriteriaPolicy from "./CriteriaPolicy.js"
import { CriteriaRegistry } from "./CriteriaRegistry.js"
import { Evaluation, type Reads, skippingBroken } from "./Evaluation.js"

/** Where a backfill is, reported after each batch of recipients. */
export interface BackfillProgress {
  readonly definitionId: BadgeDefinitionId
  /** Recipients evaluated so far (in this run and, when resumed, before it). */
  readonly done: number
  /** Recipients of the organisation when the run started. */
  readonly total: number
  /** Awards made so far (always 0 in a dry run). */
  readonly awarded: number
  /** Recipients in this batch who would gain the badge (dry run) or gained it. */
  readonly gained: ReadonlyArray<string>
  /** The last recipient evaluated: pass it as `after` to resume. */
  readonly cursor: string | undefined
}

/** How a backfill runs. */
export interface BackfillOptions {
  /** Evaluate only: write nothing, report who would gain the badge. */
  readonly dryRun?: boolean | undefined
  /** Resume after this recipient (a `cursor` reported before). */
  readonly after?: string | undefined
  /** Recipients already done before `after`, so `done` keeps counting from there. */
  readonly done?: number | undefined
  /** Recipients per batch (each batch is one read of their aggregates and one transaction); default 1,000. */
  readonly batchSize?: number | undefined
}

/** The backfill service. */
export class Backfill extends Context.Tag("@badge-engine/core/Backfill")<Backfill, {
  readonly run: (
    definitionId: BadgeDefinitionId,
    options?: BackfillOptions
  ) => Stream.Stream<BackfillProgress, NotFound | Forbidden | StoreError | Criteria.EvaluationError>
}>() {}

/** Builds the Backfill service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const definitionStore = yield* DefinitionStore
  const tenancy = yield* TenancyStore
  const activities = yield* ActivityStore
  const awards = yield* AwardStore
  const transactions = yield* Transactions
  const evaluation = yield* Evaluation
  const events = yield* BadgeEvents
  const outbox = yield* Outbox
  const registry = yield* CriteriaRegistry

  const start = (definitionId: BadgeDefinitionId) =>
    Effect.gen(function*() {
      yield* CriteriaPolicy.backfill
      const definition = yield* definitionStore.get(definitionId).pipe(orNotFound("badge definition", definitionId))
      yield* Actor.requireVisible(definition.organisationId, "badge definition", definitionId)
      const organisation = yield* tenancy.getOrganisation(definition.organisationId).pipe(
        orNotFound("organisation", definition.organisationId)
      )
      const definitions = yield* definitionStore.listWithRules(organisation.id)
      const total = yield* activities.countRecipients(organisation.id)
      return { definition, organisation, definitions, total }
    })

  const run = (definitionId: BadgeDefinitionId, options: BackfillOptions = {}) =>
    Stream.unwrap(Effect.map(start(definitionId), ({ definition, definitions, organisation, total }) => {
      const batchSize = options.batchSize ?? 1000
      const initial: BackfillProgress = {
        definitionId,
        done: options.done ?? 0,
        total,
        awarded: 0,
        gained: [],
        cursor: options.after
      }
      const evaluable = definition.rule !== undefined && definition.active
      // The rules a new badge can change (as `awardMet` finds them for the badge earned).
      const dependents = definitions.filter((d) =>
        d.rule !== undefined && d.active && registry.triggers(d.rule).has(Criteria.BadgeEarned)
      )
      /**
       * The batch's days and held badges, two queries for the whole batch instead of two per recipient. The ids come
       * from the organisation's own recipients, checked when their activities were recorded: their `Recipient` is
       * made once here, unchecked, not once per use.
       */
      const readBatch = (recipients: ReadonlyArray<string>, now: DateTime.Utc) =>
        Effect.gen(function*() {
          if (!evaluable || recipients.length === 0) return new Map<string, Reads>()
          const known = recipients.map((id) => new Recipient({ kind: "id", value: id }, true))
          const days = yield* activities.daysOf(organisation.id, recipients)
          const held = yield* awards.heldOf(organisation.id, known, now)
          return new Map(known.map((recipient) => [recipient.value, {
            days: days.get(recipient.value) ?? [],
            held: held.get(recipient.key) ?? new Set<BadgeDefinitionId>()
          }]))
        })
      /**
       * The recipients of a batch who meet the rule and do not hold the badge yet: one evaluation each, over the
       * batch's reads, with no further effect around it (most recipients meet nothing).
       */
      const qualifyingOf = (recipients: ReadonlyArray<string>, now: DateTime.Utc, reads: ReadonlyMap<string, Reads>) =>
        Effect.gen(function*() {
          if (!evaluable) return []
          const candidates = recipients.filter((id) => reads.get(id)?.held.has(definition.id) === false)
          const outcomes = yield* Effect.forEach(
            candidates,
            (id) => evaluation.outcome(definition.rule!, evaluation.contextOf(organisation, id, now, reads.get(id)!))
          )
          return candidates.filter((_, i) => outcomes[i]!.met)
        })
      /**
       * Whether a recipient who gained the badge now meets a rule that depends on badges: the first round of
       * `awardMet` for the badge earned, evaluated here so that most recipients, who meet none, skip it.
       */
      const meetsDependent = (recipientId: string, now: DateTime.Utc, reads: Reads) => {
        const open = dependents.filter((d) => !reads.held.has(d.id))
        if (open.length === 0) return Effect.succeed(false)
        const context = evaluation.contextOf(organisation, recipientId, now, reads)
        return Effect.exists(open, (d) =>
          evaluation.outcome(d.rule!, context).pipe(
            skippingBroken(d, definitionStore),
            Effect.map((o) => o?.met === true)
          ))
      }

      /**
       * Awards a batch's qualifying recipients: in bulk where the definition allows it, one by one (for the exact
       * outcome) where not; then the rules that depend on badges, for those who gained one. Returns who gained it
       * and the awards made: a transaction the database gave up runs this again, from nothing.
       */
      const award = (qualifying: ReadonlyArray<string>, now: DateTime.Utc, reads: ReadonlyMap<string, Reads>) =>
        Effect.gen(function*() {
          const planned = yield* Effect.forEach(qualifying, (id) => evaluation.ruleAward(definition, id, now))
          const bulk = yield* awards.insertMany(planned)
          const made: Array<Award> = [...bulk]
          const inBulk = new Set(bulk.map((a) => a.recipient.value))
          const gained: Array<string> = []
          for (const recipientId of qualifying) {
            const before = reads.get(recipientId)!
            const after = { days: before.days, held: new Set([...before.held, definitionId]) }
            const awards = inBulk.has(recipientId)
              ? !(yield* meetsDependent(recipientId, now, after)) ? [] : yield* evaluation.awardMet({
                organisation,
                recipientId,
                definitions,
                activityType: Criteria.BadgeEarned,
                now,
                reads: after
              })
              : yield* evaluation.awardMet({ organisation, recipientId, definitions, definitionId, now, reads: before })
            made.push(...awards)
            if (inBulk.has(recipientId) || awards.some((a) => a.definitionId === definitionId)) gained.push(recipientId)
          }
          yield* outbox.write(made.map((award) => new BadgeAwarded({ award })))
          return { gained, made }
        })

      return Stream.paginateChunkEffect(initial, (previous) =>
        Effect.gen(function*() {
          const recipients = yield* activities.recipients(organisation.id, { after: previous.cursor, limit: batchSize })
          // The last full batch already reported everything: an empty one adds nothing (unless nothing was reported).
          if (recipients.length === 0 && previous !== initial) return [[], Option.none()] as const
          const now = yield* DateTime.now
          const reads = yield* readBatch(recipients, now)
          const qualifying = yield* qualifyingOf(recipients, now, reads)
          // One transaction per batch: a batch's awards land together, and a failed batch can simply run again.
          const { gained, made } = options.dryRun === true || qualifying.length === 0
            ? { gained: qualifying, made: [] }
            : yield* transactions.run(award(qualifying, now, reads))
          yield* events.publish(made.map((award) => new BadgeAwarded({ award })))
          const next: BackfillProgress = {
            definitionId,
            done: previous.done + recipients.length,
            total: Math.max(total, previous.done + recipients.length),
            awarded: previous.awarded + (options.dryRun === true ? 0 : gained.length),
            gained,
            cursor: recipients.at(-1) ?? previous.cursor
          }
          return [[next], recipients.length < batchSize ? Option.none() : Option.some(next)] as const
        }).pipe(Effect.map(([items, more]) => [Chunk.fromIterable(items), more] as const)))
    }))

  return Backfill.of({ run })
})

/** The backfill service over the store and evaluation in context. */
export const layer: Layer.Layer<
  Backfill,
  never,
  | DefinitionStore
  | TenancyStore
  | ActivityStore
  | AwardStore
  | Transactions
  | Evaluation
  | BadgeEvents
  | Outbox
  | CriteriaRegistry
> = Layer.effect(Backfill, make)
