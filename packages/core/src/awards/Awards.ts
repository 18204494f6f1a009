/**
 * Awards: made by hand, revoked, expired, and read. Rules award through {@link Evaluation}.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, type Option, Schema } from "effect"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import {
  type Conflict,
  DefinitionInactive,
  type Forbidden,
  type InvalidInput,
  type NotFound,
  orNotFound,
  type StoreError
} from "../Errors.js"
import { BadgeAwarded, BadgeEvents, BadgeExpired, BadgeRevoked } from "../Events.js"
import { EvidenceText, StorableInstant, Text } from "../Fields.js"
import { type AwardId, BadgeDefinitionId, IdGenerator, type OrganisationId } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import type { Page, PageRequest } from "../Page.js"
import { Transactions } from "../Transactions.js"
import { type Award, type AwardFilter, awardOf, Evidence, Recipient } from "./Award.js"
import { AwardIssuing } from "./AwardIssuing.js"
import * as AwardPolicy from "./AwardPolicy.js"
import { type AwardRefusal, AwardStore } from "./AwardStore.js"

/** A manual award: who gets which badge, on what evidence, by whom. */
export const ManualAward = Schema.Struct({
  definitionId: BadgeDefinitionId,
  recipient: Recipient,
  awardedBy: Text.pipe(Schema.minLength(1), Schema.maxLength(255)),
  awardedAt: Schema.optional(StorableInstant),
  evidence: Schema.optional(Schema.Array(Evidence)),
  narrative: Schema.optional(EvidenceText),
  /** Overrides the definition's validity period. */
  expiresAt: Schema.optional(StorableInstant)
})
/** @since 0.1.0 */
export type ManualAward = typeof ManualAward.Type

/** How a listing of awards is narrowed: the filter of the store, in the actor's organisation by default. */
export type AwardQuery = AwardFilter & { readonly organisationId?: OrganisationId | undefined }

/** How an issue by hand is made beyond the award: `allowDuplicates: false` refuses a recipient holding it live. */
export interface IssueOptions {
  readonly allowDuplicates?: boolean | undefined
}

/**
 * What anyone may read of an award, for its public page: its badge, the recipient's name (and profile URI, which is
 * public), when it was issued and whether it still holds. Never the recipient's email or host id, nor its evidence.
 */
export interface AwardView {
  readonly id: AwardId
  readonly organisationId: OrganisationId
  /** The badge as it is now: an archived or deleted definition still describes the awards made of it. */
  readonly definition: BadgeDefinition
  readonly recipientName: string | undefined
  /** The recipient's profile or URL, when that is how the award names them. */
  readonly recipientProfile: string | undefined
  readonly awardedAt: DateTime.Utc
  readonly expiresAt: DateTime.Utc | undefined
  readonly status: "live" | "revoked" | "expired"
}

/** The awards service. */
export class Awards extends Context.Tag("@badge-engine/core/Awards")<Awards, {
  /** Awards a badge by hand. The definition's `unique` and `maxAwards` hold, also under concurrency. */
  readonly award: (input: ManualAward) => Effect.Effect<Award, NotFound | AwardRefusal | Forbidden | StoreError>
  /**
   * Issues a badge by hand for an admin of the definition's organisation (Badgr); v1's `award` stays `system` only.
   * `allowDuplicates: false` refuses (`Conflict`, settled by the database) a recipient holding a live award of it.
   */
  readonly issue: (
    input: ManualAward,
    options: IssueOptions
  ) => Effect.Effect<Award, NotFound | AwardRefusal | Forbidden | StoreError>
  /** One award of the actor's organisation (another organisation's reads as absent). */
  readonly get: (id: AwardId) => Effect.Effect<Award, NotFound | Forbidden | StoreError>
  /** Revokes a live award with a reason; the record stays. */
  readonly revoke: (id: AwardId, reason: string) => Effect.Effect<Award, NotFound | Conflict | Forbidden | StoreError>
  /** Marks the awards that expired by now and emits `BadgeExpired` for each, once. */
  readonly expireDue: Effect.Effect<ReadonlyArray<Award>, StoreError>
  /** A recipient's awards, newest first. */
  readonly forRecipient: (
    recipient: Recipient,
    query: AwardQuery,
    page: PageRequest
  ) => Effect.Effect<Page<Award>, Forbidden | StoreError>
  /** An organisation's awards (the actor's own by default), newest first. */
  readonly forOrganisation: (
    query: AwardQuery,
    page: PageRequest
  ) => Effect.Effect<Page<Award>, InvalidInput | Forbidden | StoreError>
  /** The recipient's live award of a definition, if any. */
  readonly findLive: (
    definitionId: BadgeDefinitionId,
    recipient: Recipient
  ) => Effect.Effect<Option.Option<Award>, Forbidden | StoreError>
  /** The public view of an award: needs no role, as anyone the recipient shows the badge to may read it. */
  readonly view: (id: AwardId) => Effect.Effect<AwardView, NotFound | StoreError>
}>() {}

/** Builds the Awards service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* AwardStore
  const definitions = yield* DefinitionStore
  const issuing = yield* AwardIssuing
  const events = yield* BadgeEvents
  const outbox = yield* Outbox
  const transactions = yield* Transactions
  const ids = yield* IdGenerator

  const make = Effect.fnUntraced(function*(
    input: ManualAward,
    definition: BadgeDefinition,
    options: IssueOptions
  ) {
    if (!definition.active) return yield* new DefinitionInactive({ definitionId: definition.id })
    const awardedAt = input.awardedAt ?? (yield* DateTime.now)
    const award = yield* Effect.map(ids.make("award"), (id) =>
      awardOf(definition, {
        id: id as AwardId,
        recipient: input.recipient,
        awardedAt,
        awardedBy: input.awardedBy,
        source: "manual",
        evidence: input.evidence,
        narrative: input.narrative,
        expiresAt: input.expiresAt
      }))
    const insertOptions = options.allowDuplicates === false ? { noLiveDuplicateAt: yield* DateTime.now } : {}
    const made = yield* transactions.run(
      Effect.tap(store.insert(award, insertOptions), (made) => outbox.write([new BadgeAwarded({ award: made })]))
    )
    yield* issuing.announce([made])
    return made
  })

  const definitionOf = (id: BadgeDefinitionId) => definitions.get(id).pipe(orNotFound("badge definition", id))

  const award = Effect.fn("Awards.award")(function*(input: ManualAward) {
    yield* AwardPolicy.award
    return yield* make(input, yield* definitionOf(input.definitionId), {})
  })

  const issue = Effect.fn("Awards.issue")(function*(input: ManualAward, options: IssueOptions) {
    yield* AwardPolicy.issue
    const definition = yield* definitionOf(input.definitionId)
    yield* AwardPolicy.visible(definition.organisationId, "badge definition", definition.id)
    return yield* make(input, definition, options)
  })

  const get = Effect.fn("Awards.get")(function*(id: AwardId) {
    yield* AwardPolicy.read
    const found = yield* store.get(id).pipe(orNotFound("award", id))
    yield* AwardPolicy.visible(found.organisationId, "award", id)
    return found
  })

  const revoke = Effect.fn("Awards.revoke")(function*(id: AwardId, reason: string) {
    yield* AwardPolicy.revoke
    yield* AwardPolicy.revokeOf(yield* store.get(id).pipe(orNotFound("award", id)))
    const now = yield* DateTime.now
    const revoked = yield* transactions.run(
      Effect.tap(store.revoke(id, reason, now), (revoked) => outbox.write([new BadgeRevoked({ award: revoked })]))
    )
    yield* events.publish([new BadgeRevoked({ award: revoked })])
    return revoked
  })

  const expireDue = Effect.gen(function*() {
    const now = yield* DateTime.now
    const expired = yield* transactions.run(
      Effect.tap(store.expire(now), (expired) => outbox.write(expired.map((award) => new BadgeExpired({ award }))))
    )
    yield* events.publish(expired.map((award) => new BadgeExpired({ award })))
    return expired
  }).pipe(Effect.withSpan("Awards.expireDue"))

  const forRecipient = Effect.fn("Awards.forRecipient")(
    function*(recipient: Recipient, query: AwardQuery, page: PageRequest) {
      yield* AwardPolicy.readRecipient
      return yield* store.list({ ...query, recipient }, page, yield* DateTime.now)
    }
  )

  const forOrganisation = Effect.fn("Awards.forOrganisation")(function*(query: AwardQuery, page: PageRequest) {
    const organisationId = yield* AwardPolicy.listOrganisation(query.organisationId)
    return yield* store.list({ ...query, organisationId }, page, yield* DateTime.now)
  })

  const findLive = Effect.fn("Awards.findLive")(function*(definitionId: BadgeDefinitionId, recipient: Recipient) {
    yield* AwardPolicy.award
    return yield* store.findLive(definitionId, recipient, yield* DateTime.now)
  })

  const view = Effect.fn("Awards.view")(function*(id: AwardId) {
    const found = yield* store.get(id).pipe(orNotFound("award", id))
    const definition = yield* definitions.get(found.definitionId).pipe(
      orNotFound("badge definition", found.definitionId)
    )
    const now = yield* DateTime.now
    const named = found.recipient.kind === "profile" || found.recipient.kind === "url"
    return {
      id: found.id,
      organisationId: found.organisationId,
      definition,
      recipientName: found.recipient.name,
      recipientProfile: named ? found.recipient.value : undefined,
      awardedAt: found.awardedAt,
      expiresAt: found.expiresAt,
      status: found.revokedAt !== undefined ? "revoked" : found.isLiveAt(now) ? "live" : "expired"
    } satisfies AwardView
  })

  return Awards.of({ award, issue, get, revoke, expireDue, forRecipient, forOrganisation, findLive, view })
})

/** The awards service over the stores and evaluation in context. */
export const layer: Layer.Layer<
  Awards,
  never,
  AwardStore | DefinitionStore | AwardIssuing | BadgeEvents | Outbox | Transactions | IdGenerator
> = Layer.effect(Awards, make)
