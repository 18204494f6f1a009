/**
 * What the engine scenarios share: the clock, organisations and activity helpers.
 */
import {
  Activities,
  BadgeStore,
  type Criteria,
  Definitions,
  type InvalidInput,
  type NewBadgeDefinition,
  type NotFound,
  type OrganisationId,
  Recipient,
  type StoreError
} from "@badge-engine/core"
import { DateTime, Effect, type Schema, TestClock } from "effect"
import { organisation } from "../fixtures.js"

/** Moves the test clock to an instant. */
export const setNow = (iso: string) => TestClock.setTime(Date.parse(iso))

/** A new organisation in a time zone, with the clock set to a known day. */
export const setup = (timezone = "UTC") =>
  Effect.gen(function*() {
    yield* setNow("2026-03-10T12:00:00Z")
    return yield* organisation({ timezone })
  })

/** Creates a definition through the engine, as a host app would. */
export const define = (
  organisationId: OrganisationId,
  fields: Partial<Schema.Schema.Encoded<typeof NewBadgeDefinition>>
) =>
  Effect.flatMap(
    Definitions.Definitions,
    (definitions) =>
      Effect.map(definitions.create({ name: "Badge", ...fields, organisationId }), (view) => view.definition)
  )

/** Records an activity through the engine. */
export const record = (
  organisationId: OrganisationId,
  recipientId: string,
  type: string,
  occurredAt: string,
  idempotencyKey?: string
): Effect.Effect<
  Activities.Recorded,
  InvalidInput | NotFound | StoreError | Criteria.EvaluationError,
  Activities.Activities
> =>
  Effect.flatMap(Activities.Activities, (activities) =>
    activities.record({
      organisationId,
      recipientId,
      type,
      occurredAt: DateTime.unsafeMake(occurredAt),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {})
    }))

/** The definition ids a recipient holds live awards of, sorted. */
export const heldBy = (organisationId: OrganisationId, recipientId: string) =>
  Effect.gen(function*() {
    const store = yield* BadgeStore
    const awards = yield* store.listAwards(
      { organisationId, recipient: Recipient.byId(recipientId) },
      { page: 1, limit: 100 },
      yield* DateTime.now
    )
    return awards.items.map((a) => a.definitionId as string).sort()
  })
