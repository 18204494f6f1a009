/**
 * What the engine scenarios share: the clock, organisations and activity helpers.
 */
import {
  Activities,
  Awards,
  type Criteria,
  Definitions,
  type Forbidden,
  type InvalidInput,
  type NewBadgeDefinition,
  type NotFound,
  type OrganisationId,
  Organisations,
  Recipient,
  type StoreError
} from "@badge-engine/core"
import { DateTime, Effect, type Schema, TestClock } from "effect"

let counter = 0
/** A unique id for this process: tests in parallel, on one database, never collide. */
export const uniqueId = (prefix: string): string =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** Moves the test clock to an instant. */
export const setNow = (iso: string) => TestClock.setTime(Date.parse(iso))

/** A new organisation in a time zone, with the clock set to a known day. */
export const setup = (timezone = "UTC") =>
  Effect.gen(function*() {
    yield* setNow("2026-03-10T12:00:00Z")
    const organisations = yield* Organisations.Organisations
    return yield* organisations.create({ id: uniqueId("org"), name: "Scenario organisation", timezone })
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
  InvalidInput | NotFound | Forbidden | StoreError | Criteria.EvaluationError,
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
    const awards = yield* Awards.Awards
    const held = yield* awards.forRecipient(Recipient.byId(recipientId), { organisationId }, { page: 1, limit: 100 })
    return held.items.map((a) => a.definitionId as string).sort()
  })
