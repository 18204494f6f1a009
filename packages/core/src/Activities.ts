/**
 * Recording activities: the activity, its aggregates and the awards it causes land in one transaction.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import { Activity, ActivityType, Attributes, RecipientId } from "./Activity.js"
import type { Award } from "./Award.js"
import { BadgeStore } from "./BadgeStore.js"
import { localDay } from "./Calendar.js"
import type { EvaluationError } from "./Criteria.js"
import { type InvalidInput, type NotFound, orNotFound, type StoreError } from "./Errors.js"
import { Evaluation } from "./Evaluation.js"
import { BadgeAwarded, BadgeEvents } from "./Events.js"
import { type ActivityId, IdGenerator, OrganisationId } from "./Ids.js"
import { decode } from "./Validation.js"

/** What a host app reports. `occurredAt` may be in the past: late activities count as if they came in time. */
export const NewActivity = Schema.Struct({
  organisationId: OrganisationId,
  recipientId: RecipientId,
  type: ActivityType,
  occurredAt: Schema.DateTimeUtcFromSelf,
  idempotencyKey: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255))),
  attributes: Schema.optional(Attributes)
})
/** @since 0.1.0 */
export type NewActivity = typeof NewActivity.Type

/** The outcome of recording: the stored activity and the awards it caused. */
export interface Recorded {
  readonly activity: Activity
  readonly awards: ReadonlyArray<Award>
  /** True when the idempotency key was seen before: nothing changed, and this is the first outcome. */
  readonly replayed: boolean
}

/** The activities service. */
export class Activities extends Context.Tag("@badge-engine/core/Activities")<Activities, {
  /**
   * Records an activity, updates the recipient's aggregates, evaluates the rules its type can change and makes
   * the awards, atomically. A replayed idempotency key returns the first result and changes nothing.
   */
  readonly record: (
    activity: typeof NewActivity.Encoded
  ) => Effect.Effect<Recorded, InvalidInput | NotFound | StoreError | EvaluationError>
}>() {}

export const make = Effect.gen(function*() {
  const store = yield* BadgeStore
  const evaluation = yield* Evaluation
  const events = yield* BadgeEvents
  const ids = yield* IdGenerator

  const record = Effect.fn("Activities.record")(function*(raw: typeof NewActivity.Encoded) {
    const input = yield* decode(NewActivity)(raw)
    const organisation = yield* store.getOrganisation(input.organisationId).pipe(
      orNotFound("organisation", input.organisationId)
    )
    const now = yield* DateTime.now
    const activity = new Activity({
      ...input,
      id: (yield* ids.make("act")) as ActivityId,
      recordedAt: now
    }, { disableValidation: true })
    const result = yield* store.transaction(Effect.gen(function*() {
      const stored = yield* store.recordActivity(activity, localDay(activity.occurredAt, organisation.timezone))
      if (!stored.inserted) {
        const awards = yield* store.awardsByActivity(stored.activity.id)
        return { activity: stored.activity, awards, replayed: true }
      }
      const definitions = yield* store.listRuleDefinitions(organisation.id)
      const awards = yield* evaluation.awardMet({
        organisation,
        recipientId: activity.recipientId,
        definitions,
        activityType: activity.type,
        now,
        activity
      })
      return { activity, awards, replayed: false }
    }))
    if (!result.replayed) yield* events.publish(result.awards.map((award) => new BadgeAwarded({ award })))
    return result
  })

  return Activities.of({ record })
})

/** The activities service over the store and evaluation in context. */
export const layer: Layer.Layer<Activities, never, BadgeStore | Evaluation | BadgeEvents | IdGenerator> = Layer
  .effect(Activities, make)
