/**
 * What an adapter's table prefix must keep: an older database's records, read back through every port after the
 * upgrade (with the award races still settled by the database), and two prefixes in one database apart.
 *
 * @since 0.1.0
 */
import {
  ActivityStore,
  AwardStore,
  type BadgeDefinitionId,
  DefinitionStore,
  Organisation,
  type OrganisationId,
  Recipient,
  type Stores,
  TenancyStore
} from "@badge-engine/core"
import { expect } from "@effect/vitest"
import { type Context, DateTime, Effect, Option } from "effect"
import { definition as storeDefinition, newAward, t0 } from "./fixtures.js"

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

/**
 * Checks that two engines on one database under two prefixes never see each other's records, even with the same
 * organisation id: each lists only its own organisation, and a definition of one is absent from the other.
 */
export const prefixesApart = (one: Context.Context<Stores>, other: Context.Context<Stores>) =>
  Effect.gen(function*() {
    const id = "org-shared-id" as OrganisationId
    const create = (name: string) =>
      Effect.flatMap(TenancyStore, (tenancy) =>
        tenancy.createOrganisation(
          new Organisation({ id, slug: "shared", name, timezone: "UTC", createdAt: t0, updatedAt: t0 })
        ))
    const names = Effect.flatMap(TenancyStore, (tenancy) => tenancy.listOrganisations()).pipe(
      Effect.map((all) => all.map((o) => o.name))
    )
    yield* create("One").pipe(Effect.provide(one))
    yield* create("Other").pipe(Effect.provide(other))
    const definition = yield* storeDefinition(id).pipe(Effect.provide(other))
    expect(yield* names.pipe(Effect.provide(one))).toEqual(["One"])
    expect(yield* names.pipe(Effect.provide(other))).toEqual(["Other"])
    const seen = yield* Effect.flatMap(DefinitionStore, (store) => store.get(definition.id)).pipe(Effect.provide(one))
    expect(Option.isNone(seen)).toBe(true)
  })
