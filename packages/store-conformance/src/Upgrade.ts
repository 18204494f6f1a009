/**
 * What an adapter that upgrades an older database must keep: the records the older release wrote read back through
 * every port, and the database still settles the award races on them.
 *
 * @since 0.1.0
 */
import {
  ActivityStore,
  AwardStore,
  type BadgeDefinitionId,
  DefinitionStore,
  type OrganisationId,
  Recipient,
  TenancyStore
} from "@badge-engine/core"
import { expect } from "@effect/vitest"
import { DateTime, Effect, Option } from "effect"
import { newAward } from "./fixtures.js"

/** The ids of the records the older release wrote: an organisation, a definition, an activity and its award. */
export interface PreviousRecords {
  readonly organisationId: string
  readonly definitionId: string
  readonly activityId: string
  readonly awardId: string
  readonly recipientId: string
  /** The activity's local day. */
  readonly day: string
  /** When the activity happened and the award was made, ISO-8601. */
  readonly at: string
}

/**
 * Checks that the records read back as written (a definition with a `session_count` rule of 1, `unique`, at most 2
 * awards; an organisation in Europe/Oslo), and that one live award per recipient and `maxAwards` still hold.
 */
export const previousRecordsHold = (r: PreviousRecords) =>
  Effect.gen(function*() {
    const organisation = Option.getOrThrow(
      yield* (yield* TenancyStore).getOrganisation(r.organisationId as OrganisationId)
    )
    expect(organisation.timezone).toBe("Europe/Oslo")
    const definitions = yield* DefinitionStore
    const definition = Option.getOrThrow(yield* definitions.get(r.definitionId as BadgeDefinitionId))
    expect(definition.rule).toEqual({ type: "session_count", threshold: 1 })
    expect(definition.unique).toBe(true)
    expect((yield* definitions.listWithRules(organisation.id)).map((d) => d.id)).toEqual([definition.id])
    const activities = yield* ActivityStore
    expect(yield* activities.days(organisation.id, r.recipientId)).toEqual([
      { type: "session_completed", day: r.day, count: 1 }
    ])
    expect(yield* activities.recipients(organisation.id, { limit: 10 })).toEqual([r.recipientId])

    const awards = yield* AwardStore
    const award = Option.getOrThrow(yield* awards.get(r.awardId as never))
    expect(award.recipient).toEqual(Recipient.byId(r.recipientId))
    expect(award.awardedAt).toEqual(DateTime.unsafeMake(r.at))
    expect((yield* awards.byActivity(r.activityId)).map((a) => a.id)).toEqual([award.id])
    // The renamed indexes and counters still hold: one live award per recipient, and maxAwards 2.
    const again = yield* Effect.flip(awards.insert(newAward(definition, r.recipientId), {}))
    expect(again._tag).toBe("Conflict")
    const second = yield* awards.insert(newAward(definition, "pm-2"), {})
    expect(second.serial).toBeGreaterThan(award.serial)
    const third = yield* Effect.flip(awards.insert(newAward(definition, "pm-3"), {}))
    expect(third._tag).toBe("AwardLimitReached")
  })
