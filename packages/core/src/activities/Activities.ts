/**
 * Recording activities: the activity, its aggregates and the awards it causes land in one transaction.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Either, Exit, Layer, Option, Schema } from "effect"
import type { Award } from "../awards/Award.js"
import { type AwardStore } from "../awards/AwardStore.js"
import type { EvaluationError } from "../criteria/Criteria.js"
import { type Evaluation } from "../criteria/Evaluation.js"
import { type DefinitionStore } from "../definitions/DefinitionStore.js"
import { type Forbidden, type InvalidInput, NotFound, orNotFound, type StoreError } from "../Errors.js"
import { BadgeAwarded, BadgeEvents } from "../Events.js"
import { StorableInstant, Text } from "../Fields.js"
import { type ActivityId, IdGenerator, OrganisationId } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import type { Organisation } from "../tenancy/Organisation.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { Transactions } from "../Transactions.js"
import { invalidInput } from "../Validation.js"
import { Activity, ActivityType, Attributes, RecipientId } from "./Activity.js"
import * as ActivityPolicy from "./ActivityPolicy.js"
import { type ActivityStore } from "./ActivityStore.js"
import { localDay } from "./Calendar.js"
import * as GroupCommit from "./internal/groupCommit.js"
import * as RecordBatch from "./internal/recordBatch.js"
import * as RecordGroup from "./internal/recordGroup.js"

/** The most activities one group commits: bounds a transaction's statements and its callers' wait. */
const maxGroup = 256

/** What a host app reports. `occurredAt` may be in the past: late activities count as if they came in time. */
export const NewActivity = Schema.Struct({
  organisationId: OrganisationId,
  recipientId: RecipientId,
  type: ActivityType,
  occurredAt: StorableInstant,
  idempotencyKey: Schema.optional(Text.pipe(Schema.minLength(1), Schema.maxLength(255))),
  attributes: Schema.optional(Attributes)
})
/** @since 0.1.0 */
export type NewActivity = typeof NewActivity.Type

const decodeEither = Schema.decodeUnknownEither(NewActivity, { onExcessProperty: "error", errors: "first" })

/** Decodes a reported activity as `Validation.decode` does, without an Effect per check (it runs for every one). */
const decodeActivity = (raw: unknown, prefix?: string) =>
  Either.mapLeft(decodeEither(raw), (error) => invalidInput(error, prefix))

/** The outcome of recording: the stored activity and the awards it caused. */
export interface Recorded {
  readonly activity: Activity
  readonly awards: ReadonlyArray<Award>
  /** True when the idempotency key was seen before: nothing changed, and this is the first outcome. */
  readonly replayed: boolean
}

/** The outcome of recording a batch. */
export interface RecordedBatch {
  /** Activities stored; the rest of the batch had idempotency keys seen before and changed nothing. */
  readonly recorded: number
  readonly replayed: number
  /** The awards the batch caused, each recorded with the last activity of its recipient in the batch. */
  readonly awards: ReadonlyArray<Award>
}

/** The activities service. */
export class Activities extends Context.Tag("@badge-engine/core/Activities")<Activities, {
  /**
   * Records an activity, updates the recipient's aggregates, evaluates the rules its type can change and makes
   * the awards, atomically. A replayed idempotency key returns the first result and changes nothing.
   */
  readonly record: (
    activity: typeof NewActivity.Encoded
  ) => Effect.Effect<Recorded, InvalidInput | NotFound | Forbidden | StoreError | EvaluationError>
  /**
   * Records many activities at once (an import, a sync): one transaction, one write per table, one evaluation per
   * recipient. The outcome is that of recording them one by one, in any order; errors name the activity's index.
   */
  readonly recordBatch: (
    activities: ReadonlyArray<typeof NewActivity.Encoded>
  ) => Effect.Effect<RecordedBatch, InvalidInput | NotFound | Forbidden | StoreError | EvaluationError>
}>() {}

/** Builds the Activities service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const tenancy = yield* TenancyStore
  const transactions = yield* Transactions
  const events = yield* BadgeEvents
  const outbox = yield* Outbox
  const ids = yield* IdGenerator

  /** The activity to store, with its id and the local day it counts on in its organisation's time zone. */
  const stamp = (input: NewActivity, organisation: Organisation, now: DateTime.Utc) =>
    Effect.map(ids.make("act"), (id) => {
      const activity = new Activity({ ...input, id: id as ActivityId, recordedAt: now }, { disableValidation: true })
      return { activity, day: localDay(activity.occurredAt, organisation.timezone) }
    })

  const recordGroup = yield* RecordGroup.make
  const recordBatchIn = yield* RecordBatch.make
  /**
   * A group in one transaction, its events published once it commits; the answers in the order of `inputs`. The
   * group reads each organisation once; an unknown one fails only its own callers.
   */
  const commitGroup = (inputs: ReadonlyArray<{ readonly input: NewActivity; readonly now: DateTime.Utc }>) =>
    Effect.gen(function*() {
      const organisations = new Map<string, Option.Option<Organisation>>()
      for (const { input } of inputs) {
        if (!organisations.has(input.organisationId)) {
          organisations.set(input.organisationId, yield* tenancy.getOrganisation(input.organisationId))
        }
      }
      const items: Array<RecordGroup.GroupItem> = []
      for (const { input, now } of inputs) {
        const organisation = organisations.get(input.organisationId)!
        if (Option.isSome(organisation)) {
          items.push({ ...(yield* stamp(input, organisation.value, now)), organisation: organisation.value, now })
        }
      }
      const inTransaction = <E>(record: Effect.Effect<RecordGroup.GroupOutcome, E>) =>
        transactions.run(
          Effect.tap(record, ({ made }) => outbox.write(made.map((award) => new BadgeAwarded({ award }))))
        )
      // Planned first: the awards inserted together. One that cannot be made rolls the group back (its savepoint
      // inside a caller's transaction), to be recorded again award by award.
      const { answers, made } = items.length === 0
        ? { answers: [], made: [] }
        : yield* inTransaction(recordGroup.planned(items)).pipe(
          Effect.catchTag("Unplanned", () => inTransaction(recordGroup.unplanned(items)))
        )
      yield* events.publish(made.map((award) => new BadgeAwarded({ award })))
      let next = 0
      return inputs.map(({ input }): Exit.Exit<Recorded, NotFound | StoreError | EvaluationError> =>
        Option.isSome(organisations.get(input.organisationId)!)
          ? Exit.succeed(answers[next++]!)
          : Exit.fail(new NotFound({ entity: "organisation", id: input.organisationId }))
      )
    })
  // Concurrent calls share transactions: a group holds what came in while the one before committed.
  const grouped = yield* GroupCommit.make(commitGroup, maxGroup)

  const record = Effect.fn("Activities.record")(function*(raw: typeof NewActivity.Encoded) {
    // Bad input or a refusal stays the caller's own: checked before joining a group.
    yield* ActivityPolicy.record
    const input = yield* decodeActivity(raw)
    const item = { input, now: yield* DateTime.now }
    // Inside a caller's transaction: join it, as a group of one (a group's fiber would wait for it to end).
    if (yield* transactions.active) return yield* Effect.flatten(Effect.map(commitGroup([item]), (exits) => exits[0]!))
    return yield* grouped(item)
  })

  const recordBatch = Effect.fn("Activities.recordBatch")(function*(raw: ReadonlyArray<typeof NewActivity.Encoded>) {
    yield* ActivityPolicy.record
    const inputs = yield* Effect.forEach(raw, (input, i) => decodeActivity(input, `activities.${i}`))
    const organisations = new Map<string, Organisation>()
    for (const input of inputs) {
      if (!organisations.has(input.organisationId)) {
        organisations.set(
          input.organisationId,
          yield* tenancy.getOrganisation(input.organisationId).pipe(orNotFound("organisation", input.organisationId))
        )
      }
    }
    const now = yield* DateTime.now
    const items = yield* Effect.forEach(inputs, (input) => stamp(input, organisations.get(input.organisationId)!, now))
    const inTransaction = <E>(record: Effect.Effect<RecordBatch.BatchOutcome, E>) =>
      transactions.run(
        Effect.tap(record, ({ awards }) => outbox.write(awards.map((award) => new BadgeAwarded({ award }))))
      )
    // Planned first, as a group is (see `commitGroup`).
    const awards = yield* inTransaction(recordBatchIn.planned(items, organisations, now)).pipe(
      Effect.catchTag("Unplanned", () => inTransaction(recordBatchIn.unplanned(items, organisations, now)))
    )
    yield* events.publish(awards.awards.map((award) => new BadgeAwarded({ award })))
    return awards
  })

  return Activities.of({ record, recordBatch })
})

/** The activities service over the store and evaluation in context. */
export const layer: Layer.Layer<
  Activities,
  never,
  | ActivityStore
  | TenancyStore
  | DefinitionStore
  | AwardStore
  | Transactions
  | Evaluation
  | BadgeEvents
  | Outbox
  | IdGenerator
> = Layer
  .scoped(Activities, make)
