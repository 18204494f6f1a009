/**
 * Awarding by hand, revoking and expiring. Rules award through {@link Evaluation}.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Schema } from "effect"
import { BadgeStore } from "../BadgeStore.js"
import * as Criteria from "../criteria/Criteria.js"
import { Evaluation, expiryOf } from "../criteria/Evaluation.js"
import { type Conflict, DefinitionInactive, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import { BadgeAwarded, BadgeEvents, BadgeExpired, BadgeRevoked } from "../Events.js"
import { EvidenceText } from "../Fields.js"
import { type AwardId, BadgeDefinitionId, IdGenerator, type OrganisationId } from "../Ids.js"
import { type Award, Evidence, Recipient } from "./Award.js"
import type { AwardRefusal } from "./AwardStore.js"

/** A manual award: who gets which badge, on what evidence, by whom. */
export const ManualAward = Schema.Struct({
  definitionId: BadgeDefinitionId,
  recipient: Recipient,
  awardedBy: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)),
  awardedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  evidence: Schema.optional(Schema.Array(Evidence)),
  narrative: Schema.optional(EvidenceText),
  /** Overrides the definition's validity period. */
  expiresAt: Schema.optional(Schema.DateTimeUtcFromSelf)
})
/** @since 0.1.0 */
export type ManualAward = typeof ManualAward.Type

/** The awarding service. */
export class Awarding extends Context.Tag("@badge-engine/core/Awarding")<Awarding, {
  /** Awards a badge by hand. The definition's `unique` and `maxAwards` hold, also under concurrency. */
  readonly award: (input: ManualAward) => Effect.Effect<Award, NotFound | AwardRefusal | StoreError>
  /** Revokes a live award with a reason; the record stays. */
  readonly revoke: (id: AwardId, reason: string) => Effect.Effect<Award, NotFound | Conflict | StoreError>
  /** Marks the awards that expired by now and emits `BadgeExpired` for each, once. */
  readonly expireDue: Effect.Effect<ReadonlyArray<Award>, StoreError>
}>() {}

export const make = Effect.gen(function*() {
  const store = yield* BadgeStore
  const events = yield* BadgeEvents
  const evaluation = yield* Evaluation
  const ids = yield* IdGenerator

  const award = Effect.fn("Awarding.award")(function*(input: ManualAward) {
    const definition = yield* store.getDefinition(input.definitionId).pipe(
      orNotFound("badge definition", input.definitionId)
    )
    if (!definition.active) return yield* new DefinitionInactive({ definitionId: definition.id })
    const now = yield* DateTime.now
    const awardedAt = input.awardedAt ?? now
    const made = yield* store.insertAward({
      id: (yield* ids.make("award")) as AwardId,
      organisationId: definition.organisationId,
      definitionId: definition.id,
      recipient: input.recipient,
      awardedAt,
      awardedBy: input.awardedBy,
      source: "manual",
      evidence: input.evidence ?? [],
      narrative: input.narrative,
      expiresAt: input.expiresAt ?? expiryOf(definition, awardedAt)
    }, {})
    // Badges earned by hand count towards milestones (badges_earned) as rule awards do.
    const milestones = input.recipient.kind === "id"
      ? yield* milestonesFor(definition.organisationId, input.recipient.value, now)
      : []
    yield* events.publish([made, ...milestones].map((award) => new BadgeAwarded({ award })))
    return made
  })

  const milestonesFor = (organisationId: OrganisationId, recipientId: string, now: DateTime.Utc) =>
    Effect.gen(function*() {
      const organisation = yield* store.getOrganisation(organisationId)
      if (Option.isNone(organisation)) return []
      const definitions = yield* store.listRuleDefinitions(organisationId)
      return yield* store.transaction(evaluation.awardMet({
        organisation: organisation.value,
        recipientId,
        definitions,
        activityType: Criteria.BadgeEarned,
        now
      }))
    }).pipe(
      // The award itself is made; a milestone that cannot be evaluated now is made by the next evaluation.
      Effect.catchTag("EvaluationError", (error) => Effect.as(Effect.logWarning("milestones not evaluated", error), []))
    )

  const revoke = Effect.fn("Awarding.revoke")(function*(id: AwardId, reason: string) {
    const revoked = yield* store.revokeAward(id, reason, yield* DateTime.now)
    yield* events.publish([new BadgeRevoked({ award: revoked })])
    return revoked
  })

  const expireDue = Effect.gen(function*() {
    const expired = yield* store.expireAwards(yield* DateTime.now)
    yield* events.publish(expired.map((award) => new BadgeExpired({ award })))
    return expired
  }).pipe(Effect.withSpan("Awarding.expireDue"))

  return Awarding.of({ award, revoke, expireDue })
})

/** The awarding service over the store in context. */
export const layer: Layer.Layer<Awarding, never, BadgeStore | BadgeEvents | Evaluation | IdGenerator> = Layer.effect(
  Awarding,
  make
)
