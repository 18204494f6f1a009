/**
 * Recording a batch (an import, a sync) inside the caller's transaction: one write per table, one evaluation per
 * recipient, on the types it did and citing its latest activity. Its rule awards are planned and inserted together,
 * or, when one of them cannot be made, inserted one by one as they are met (see {@link Unplanned}).
 */
import { DateTime, Effect } from "effect"
import { type Award, Recipient } from "../../awards/Award.js"
import { AwardStore } from "../../awards/AwardStore.js"
import { Evaluation, type PlannedAward } from "../../criteria/Evaluation.js"
import { DefinitionStore } from "../../definitions/DefinitionStore.js"
import type { BadgeDefinitionId } from "../../Ids.js"
import type { Organisation } from "../../tenancy/Organisation.js"
import type { Activity } from "../Activity.js"
import { ActivityStore } from "../ActivityStore.js"
import { Unplanned } from "./recordGroup.js"

/** An activity ready to store, with its local day. */
export interface BatchItem {
  readonly activity: Activity
  readonly day: string
}

/** What a batch recorded. */
export interface BatchOutcome {
  readonly recorded: number
  readonly replayed: number
  readonly awards: ReadonlyArray<Award>
}

/** Records a batch inside the caller's transaction. */
export const make = Effect.gen(function*() {
  const store = yield* ActivityStore
  const definitionStore = yield* DefinitionStore
  const awardStore = yield* AwardStore
  const evaluation = yield* Evaluation

  const record = <A, E1, E2>(
    items: ReadonlyArray<BatchItem>,
    organisations: ReadonlyMap<string, Organisation>,
    now: DateTime.Utc,
    /** The awards met for a recipient: planned, or made. */
    awardMet: (options: Parameters<Evaluation["Type"]["awardMet"]>[0]) => Effect.Effect<ReadonlyArray<A>, E1>,
    /** The awards met, stored: those made answered as they are, planned ones inserted. */
    keep: (met: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<Award>, E2>
  ) =>
    Effect.gen(function*() {
      const stored = yield* store.recordMany(items)
      const met: Array<A> = []
      for (const organisation of organisations.values()) {
        const mine = stored.filter((a) => a.organisationId === organisation.id)
        if (mine.length === 0) continue
        // Per recipient: the types it did (what can have changed) and its latest activity (what the awards cite).
        const byRecipient = new Map<string, { types: Set<string>; last: Activity }>()
        for (const activity of mine) {
          const entry = byRecipient.get(activity.recipientId)
          if (entry === undefined) {
            byRecipient.set(activity.recipientId, { types: new Set([activity.type]), last: activity })
          } else {
            entry.types.add(activity.type)
            if (DateTime.greaterThan(activity.occurredAt, entry.last.occurredAt)) entry.last = activity
          }
        }
        const definitions = yield* definitionStore.listWithRules(organisation.id)
        const recipients = Array.from(byRecipient.keys())
        const days = yield* store.daysOf(organisation.id, recipients)
        const held = yield* awardStore.heldOf(organisation.id, recipients.map(Recipient.byCheckedId), now)
        for (const [recipientId, { last, types }] of byRecipient) {
          met.push(
            ...(yield* awardMet({
              organisation,
              recipientId,
              definitions,
              activityTypes: Array.from(types),
              now,
              activity: last,
              reads: {
                days: days.get(recipientId) ?? [],
                held: held.get(Recipient.keyOfId(recipientId)) ?? new Set<BadgeDefinitionId>()
              }
            }))
          )
        }
      }
      const awards = yield* keep(met)
      return { recorded: stored.length, replayed: items.length - stored.length, awards } satisfies BatchOutcome
    })

  /** Inserts every planned award at once, in the order planned; each must be made, or the batch is unplanned. */
  const insertPlanned = (plans: ReadonlyArray<PlannedAward>) =>
    Effect.gen(function*() {
      const made = plans.length === 0 ? [] : yield* awardStore.insertMany(plans)
      if (made.length !== plans.length) return yield* new Unplanned()
      const byId = new Map<string, Award>(made.map((award) => [award.id, award]))
      return plans.map((plan) => byId.get(plan.award.id)!)
    })

  return {
    /** Records the batch with its awards planned and inserted together; fails with `Unplanned` if one is not made. */
    planned: (items: ReadonlyArray<BatchItem>, organisations: ReadonlyMap<string, Organisation>, now: DateTime.Utc) =>
      record(items, organisations, now, evaluation.planMet, insertPlanned),
    /** Records the batch inserting each award as it is met. */
    unplanned: (
      items: ReadonlyArray<BatchItem>,
      organisations: ReadonlyMap<string, Organisation>,
      now: DateTime.Utc
    ) => record(items, organisations, now, evaluation.awardMet, (made: ReadonlyArray<Award>) => Effect.succeed(made))
  }
})
