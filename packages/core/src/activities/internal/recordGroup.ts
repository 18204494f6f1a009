/**
 * Recording a group of activities from concurrent callers in one transaction, with the outcome each would have had
 * recording alone, one after the other in the group's order: the reads are made once for the group (the recipients'
 * days and held badges, the definitions), and each activity is evaluated on the days as they stood after it.
 */
import { Data, type DateTime, Effect } from "effect"
import type { Award } from "../../awards/Award.js"
import { Recipient } from "../../awards/Award.js"
import { AwardStore } from "../../awards/AwardStore.js"
import { Evaluation, type PlannedAward } from "../../criteria/Evaluation.js"
import { DefinitionStore } from "../../definitions/DefinitionStore.js"
import type { BadgeDefinitionId } from "../../Ids.js"
import type { Organisation } from "../../tenancy/Organisation.js"
import type { Recorded } from "../Activities.js"
import type { Activity, ActivityDay } from "../Activity.js"
import { ActivityStore } from "../ActivityStore.js"

/** An activity ready to store: validated, stamped, with its local day. */
export interface GroupItem {
  readonly activity: Activity
  readonly day: string
  readonly organisation: Organisation
  readonly now: DateTime.Utc
}

/**
 * A group's planned awards could not all be made (no place left, a conflict, a definition archived meanwhile): its
 * transaction is rolled back and the group recorded again award by award, for the exact outcome.
 */
export class Unplanned extends Data.TaggedError("Unplanned") {}

/** `days` without the activities `later` (of the same recipient, already counted in them). */
const before = (days: ReadonlyArray<ActivityDay>, later: ReadonlyArray<GroupItem>): ReadonlyArray<ActivityDay> => {
  if (later.length === 0) return days
  const less = new Map<string, number>()
  for (const { activity, day } of later) {
    const key = `${activity.type}\u0000${day}`
    less.set(key, (less.get(key) ?? 0) + 1)
  }
  return days.flatMap((counted) => {
    const count = counted.count - (less.get(`${counted.type}\u0000${counted.day}`) ?? 0)
    return count > 0 ? [{ ...counted, count }] : []
  })
}

/** An activity recorded in a group and the awards it made, or planned. */
interface Outcome {
  readonly activity: Activity
  readonly awards: ReadonlyArray<PlannedAward | Award>
}

/** What a group recorded: each item's answer, in the order of the items, and every award made. */
export interface GroupOutcome {
  readonly answers: ReadonlyArray<Recorded>
  readonly made: ReadonlyArray<Award>
}

const isPlanned = (award: PlannedAward | Award): award is PlannedAward => "onceKey" in award

/** Records a group inside the caller's transaction; the outcomes are in the order of the items. */
export const make = Effect.gen(function*() {
  const store = yield* ActivityStore
  const definitionStore = yield* DefinitionStore
  const awardStore = yield* AwardStore
  const evaluation = yield* Evaluation

  /**
   * The organisation's new activities, evaluated recipient by recipient on reads made once. Planned: each activity's
   * awards are planned as if all were made (see {@link Unplanned}); else each award is inserted as it is met.
   */
  const evaluate = (
    organisation: Organisation,
    mine: ReadonlyArray<GroupItem>,
    outcomes: Map<string, Outcome>,
    planned: boolean
  ) =>
    Effect.gen(function*() {
      const byRecipient = new Map<string, Array<GroupItem>>()
      for (const item of mine) {
        const list = byRecipient.get(item.activity.recipientId)
        if (list === undefined) byRecipient.set(item.activity.recipientId, [item])
        else list.push(item)
      }
      const recipients = Array.from(byRecipient.keys())
      const definitions = yield* definitionStore.listWithRules(organisation.id)
      // Held as of the group's earliest moment: an award expiring within the group counts as held, never twice.
      const earliest = mine.reduce((at, item) => (item.now.epochMillis < at.epochMillis ? item.now : at), mine[0]!.now)
      const days = yield* store.daysOf(organisation.id, recipients)
      const heldOf = yield* awardStore.heldOf(organisation.id, recipients.map(Recipient.byCheckedId), earliest)
      for (const [recipientId, items] of byRecipient) {
        const all = days.get(recipientId) ?? []
        let held: ReadonlySet<BadgeDefinitionId> = heldOf.get(Recipient.keyOfId(recipientId)) ?? new Set()
        for (let i = 0; i < items.length; i++) {
          const { activity, now } = items[i]!
          const options = {
            organisation,
            recipientId,
            definitions,
            activityType: activity.type,
            now,
            activity,
            reads: { days: before(all, items.slice(i + 1)), held }
          }
          const awards: ReadonlyArray<PlannedAward | Award> = planned
            ? yield* evaluation.planMet(options)
            : yield* evaluation.awardMet(options)
          if (awards.length > 0) {
            held = new Set([
              ...held,
              ...awards.map((award) => isPlanned(award) ? award.award.definitionId : award.definitionId)
            ])
          }
          outcomes.set(activity.id, { activity, awards })
        }
      }
    })

  /** Records the group; `awardsOf` stores the awards evaluation planned or made, and answers each one's award. */
  const record = <E>(
    items: ReadonlyArray<GroupItem>,
    planned: boolean,
    awardsOf: (
      outcomes: Map<string, Outcome>
    ) => Effect.Effect<(award: PlannedAward | Award) => Award, E>
  ) =>
    Effect.gen(function*() {
      const stored = yield* store.recordMany(items)
      const inserted = new Set<string>(stored.map((activity) => activity.id))
      const outcomes = new Map<string, Outcome>()
      const organisations = new Map<string, { organisation: Organisation; mine: Array<GroupItem> }>()
      for (const item of items) {
        if (!inserted.has(item.activity.id)) continue
        const entry = organisations.get(item.organisation.id)
        if (entry === undefined) {
          organisations.set(item.organisation.id, { organisation: item.organisation, mine: [item] })
        } else entry.mine.push(item)
      }
      for (const { mine, organisation } of organisations.values()) {
        yield* evaluate(organisation, mine, outcomes, planned)
      }
      const awardOf = yield* awardsOf(outcomes)
      const made: Array<Award> = []
      const recorded = new Map<string, Recorded>()
      for (const [id, { activity, awards }] of outcomes) {
        const mine = awards.map(awardOf)
        made.push(...mine)
        recorded.set(id, { activity, awards: mine, replayed: false })
      }
      // A key seen before (also earlier in this group): the first activity and its awards, as they stand now.
      const answers: Array<Recorded> = []
      for (const item of items) {
        const outcome = recorded.get(item.activity.id)
        if (outcome !== undefined) {
          answers.push(outcome)
          continue
        }
        const first = yield* store.record(item.activity, item.day)
        const awards = first.inserted ? [] : yield* awardStore.byActivity(first.activity.id)
        answers.push({ activity: first.activity, awards, replayed: !first.inserted })
      }
      return { answers, made } satisfies GroupOutcome
    })

  /** Inserts every planned award at once; each must be made, or the group is {@link Unplanned}. */
  const insertPlanned = (outcomes: Map<string, Outcome>) =>
    Effect.gen(function*() {
      const plans = Array.from(outcomes.values()).flatMap(({ awards }) => awards.filter(isPlanned))
      const made = plans.length === 0 ? [] : yield* awardStore.insertMany(plans)
      if (made.length !== plans.length) return yield* new Unplanned()
      const byId = new Map<string, Award>(made.map((award) => [award.id, award]))
      return (award: PlannedAward | Award) => isPlanned(award) ? byId.get(award.award.id)! : award
    })

  return {
    /**
     * Records the group with its awards planned and inserted together (the usual case); if any of them cannot be
     * made it fails with {@link Unplanned}, for the caller to roll it back and record it again unplanned.
     */
    planned: (items: ReadonlyArray<GroupItem>) => record(items, true, insertPlanned),
    /** Records the group inserting each award as it is met. */
    unplanned: (items: ReadonlyArray<GroupItem>) =>
      record(items, false, () => Effect.succeed((award: PlannedAward | Award) => award as Award))
  }
})
