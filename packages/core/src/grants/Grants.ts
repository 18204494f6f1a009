/**
 * Grants: an offer of a badge to a person, who accepts it through a link carrying an unguessable key (BadgeFed).
 * `pending → accepted → processed`, or `revoked`; one open grant per definition and person. The accept key is never
 * stored: it is derived from the grant's id under a server secret (see `AcceptKeys`).
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, type Redacted, Schema } from "effect"
import { type Award, awardOf, Recipient } from "../awards/Award.js"
import { AwardIssuing } from "../awards/AwardIssuing.js"
import * as AwardPolicy from "../awards/AwardPolicy.js"
import { type AwardRefusal, AwardStore } from "../awards/AwardStore.js"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import {
  Conflict,
  DefinitionInactive,
  type Forbidden,
  InvalidInput,
  NotFound,
  orNotFound,
  type StoreError
} from "../Errors.js"
import { BadgeAwarded, BadgeEvents, BadgeRevoked, GrantAccepted, GrantOffered, GrantRevoked } from "../Events.js"
import { Email, EvidenceText, ProfileUri, Text } from "../Fields.js"
import { type AwardId, BadgeDefinitionId, type GrantId, IdGenerator } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import * as AcceptKeys from "./AcceptKeys.js"
import type { Grant, NewGrant } from "./Grant.js"
import { GrantNotifier } from "./GrantNotifier.js"
import * as GrantPolicy from "./GrantPolicy.js"
import { GrantStore } from "./GrantStore.js"

/** An offer: the person is named by an ActivityPub profile, an email address, or both. */
export const GrantOffer = Schema.Struct({
  definitionId: BadgeDefinitionId,
  profileUri: Schema.optional(ProfileUri),
  email: Schema.optional(Email),
  name: Schema.optional(Text.pipe(Schema.maxLength(255))),
  evidence: Schema.optional(EvidenceText)
})
/** @since 0.1.0 */
export type GrantOffer = typeof GrantOffer.Type

/** The grants service. */
export class Grants extends Context.Tag("@badge-engine/core/Grants")<Grants, {
  /**
   * Offers a definition to a person. While a grant to them is pending, that one is returned (`created: false`) with
   * its accept key; once one was accepted, another is a `Conflict`. The key is derived under the current server
   * secret and goes in the link the person opens: never log it. A grant created publishes `GrantOffered` and is
   * passed to the `GrantNotifier`.
   */
  readonly offer: (
    input: typeof GrantOffer.Encoded
  ) => Effect.Effect<
    { readonly grant: Grant; readonly created: boolean; readonly acceptKey: Redacted.Redacted<string> },
    InvalidInput | NotFound | Conflict | DefinitionInactive | Forbidden | StoreError
  >
  /**
   * A grant and its definition, for the page the accept link opens: needs no role, only the grant's accept key
   * (derived under a server secret not retired). A wrong key reads as no such grant.
   */
  readonly open: (
    id: GrantId,
    acceptKey: Redacted.Redacted<string>
  ) => Effect.Effect<{ readonly grant: Grant; readonly definition: BadgeDefinition }, NotFound | StoreError>
  readonly get: (id: GrantId) => Effect.Effect<Grant, NotFound | Forbidden | StoreError>
  /** A grant by its serial (BadgeFed's badge record id), under the same policy as `get`. */
  readonly getBySerial: (serial: number) => Effect.Effect<Grant, NotFound | Forbidden | StoreError>
  /** The grants of a definition, oldest first. */
  readonly list: (
    definitionId: BadgeDefinitionId
  ) => Effect.Effect<ReadonlyArray<Grant>, NotFound | Forbidden | StoreError>
  /**
   * Accepts a pending grant with its accept key and makes its award, atomically; publishes `GrantAccepted` and
   * `BadgeAwarded`. A wrong key reads as no such grant; a grant no longer pending is a `Conflict`.
   */
  readonly accept: (
    id: GrantId,
    acceptKey: Redacted.Redacted<string>
  ) => Effect.Effect<{ readonly grant: Grant; readonly award: Award }, NotFound | AwardRefusal | StoreError>
  /**
   * Revokes a grant in any status but revoked (pending, external, accepted, processed) and, in the same transaction,
   * the award it made (reason "grant revoked"); publishes `GrantRevoked`, and `BadgeRevoked` for the award. Needs the
   * admin role (see `GrantPolicy.revoke`). A grant revoked already is a `Conflict`.
   */
  readonly revoke: (id: GrantId) => Effect.Effect<Grant, NotFound | Conflict | Forbidden | StoreError>
}>() {}

/** Builds the Grants service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* GrantStore
  const definitions = yield* DefinitionStore
  const awards = yield* AwardStore
  const issuing = yield* AwardIssuing
  const transactions = yield* Transactions
  const ids = yield* IdGenerator
  const secrets = yield* ServerSecrets
  const events = yield* BadgeEvents
  const outbox = yield* Outbox
  const notifier = yield* GrantNotifier

  /** A grant whose status another request changed first: the conflict names the status it is in now. */
  const statusConflict = (id: GrantId) =>
    Effect.flatMap(
      store.get(id).pipe(orNotFound("grant", id)),
      (grant) => new Conflict({ entity: "grant", reason: `the grant is ${grant.status}`, existingId: grant.id })
    )

  /** Tells the person of a new grant; a notifier's failure is the host's to see in the log, not the offer's. */
  const notify = (grant: Grant, definition: BadgeDefinition, acceptKey: Redacted.Redacted<string>) =>
    notifier.notify({ grant, definition, acceptKey }).pipe(
      Effect.catchAllCause((cause) => Effect.logWarning("the grant notifier failed", cause)),
      Effect.annotateLogs({ grantId: grant.id })
    )

  const offer = Effect.fn("Grants.offer")(function*(raw: typeof GrantOffer.Encoded) {
    yield* GrantPolicy.manage
    const input = yield* decode(GrantOffer)(raw)
    if (input.profileUri === undefined && input.email === undefined) {
      return yield* new InvalidInput({ field: "email", reason: "a grant needs a profile URI or an email address" })
    }
    const definition = yield* definitions.get(input.definitionId).pipe(
      orNotFound("badge definition", input.definitionId)
    )
    yield* GrantPolicy.visible(definition.organisationId, "badge definition", definition.id)
    if (!definition.active) return yield* new DefinitionInactive({ definitionId: definition.id })
    // Read before the grant is stored, so nothing can fail between storing it and notifying the person.
    const secret = yield* secrets.current(AcceptKeys.purpose)
    const now = yield* DateTime.now
    const fresh: NewGrant = {
      ...input,
      id: (yield* ids.make("grant")) as GrantId,
      organisationId: definition.organisationId,
      status: "pending",
      createdAt: now,
      updatedAt: now
    }
    const made = yield* transactions.run(Effect.tap(
      store.create(fresh),
      (made) => made.created ? outbox.write([new GrantOffered({ grant: made.grant })]) : Effect.void
    ))
    if (!made.created && made.grant.status !== "pending") {
      return yield* new Conflict({
        entity: "grant",
        reason: "the badge was already granted to this person",
        existingId: made.grant.id
      })
    }
    const acceptKey = AcceptKeys.derive(secret, made.grant.id)
    if (made.created) {
      yield* events.publish([new GrantOffered({ grant: made.grant })])
      yield* notify(made.grant, definition, acceptKey)
    }
    return { ...made, acceptKey }
  })

  /** The grant with this id, if the key is its accept key under a live secret. */
  const withKey = (id: GrantId, acceptKey: Redacted.Redacted<string>) =>
    Effect.gen(function*() {
      const found = yield* store.get(id)
      if (Option.isNone(found) || !(yield* AcceptKeys.matches(secrets, id, acceptKey))) {
        return yield* new NotFound({ entity: "grant", id })
      }
      return found.value
    })

  const open = Effect.fn("Grants.open")(function*(id: GrantId, acceptKey: Redacted.Redacted<string>) {
    const grant = yield* withKey(id, acceptKey)
    const definition = yield* definitions.get(grant.definitionId).pipe(
      orNotFound("badge definition", grant.definitionId)
    )
    return { grant, definition }
  })

  const get = Effect.fn("Grants.get")(function*(id: GrantId) {
    yield* GrantPolicy.manage
    const grant = yield* store.get(id).pipe(orNotFound("grant", id))
    yield* GrantPolicy.visible(grant.organisationId, "grant", id)
    return grant
  })

  const getBySerial = Effect.fn("Grants.getBySerial")(function*(serial: number) {
    yield* GrantPolicy.manage
    const grant = yield* store.getBySerial(serial).pipe(orNotFound("grant", String(serial)))
    yield* GrantPolicy.visible(grant.organisationId, "grant", grant.id)
    return grant
  })

  const list = Effect.fn("Grants.list")(function*(definitionId: BadgeDefinitionId) {
    yield* GrantPolicy.manage
    const definition = yield* definitions.get(definitionId).pipe(orNotFound("badge definition", definitionId))
    yield* GrantPolicy.visible(definition.organisationId, "badge definition", definitionId)
    return yield* store.list(definitionId)
  })

  const accept = Effect.fn("Grants.accept")(function*(id: GrantId, acceptKey: Redacted.Redacted<string>) {
    const { definition } = yield* open(id, acceptKey)
    const now = yield* DateTime.now
    const result = yield* transactions.run(Effect.gen(function*() {
      const taken = yield* store.transition(id, { from: ["pending"], to: "accepted", now })
      if (Option.isNone(taken)) return yield* statusConflict(id)
      const grant = taken.value
      const award = yield* awards.insert(
        awardOf(definition, {
          id: (yield* ids.make("award")) as AwardId,
          recipient: new Recipient({
            kind: grant.profileUri !== undefined ? "profile" : "email",
            value: grant.profileUri ?? grant.email!,
            name: grant.name
          }),
          awardedAt: now,
          awardedBy: `grant:${grant.id}`,
          source: "grant",
          narrative: grant.evidence,
          grantId: grant.id
        }),
        {}
      )
      const processed = yield* store.transition(id, { from: ["accepted"], to: "processed", awardId: award.id, now })
      const result = { grant: Option.getOrElse(processed, () => grant), award }
      yield* outbox.write([new GrantAccepted({ grant: result.grant }), new BadgeAwarded({ award })])
      return result
    }))
    yield* events.publish([new GrantAccepted({ grant: result.grant })])
    yield* issuing.announce([result.award])
    return result
  })

  /** Revokes the award a grant made, if it has one still unrevoked (one revoked on its own leaves nothing to do). */
  const revokeAwardOf = (grant: Grant, now: DateTime.Utc) =>
    grant.awardId === undefined
      ? Effect.succeedNone
      : awards.revoke(grant.awardId, "grant revoked", now).pipe(
        Effect.asSome,
        Effect.catchTag("Conflict", () => Effect.succeedNone)
      )

  const revoke = Effect.fn("Grants.revoke")(function*(id: GrantId) {
    yield* GrantPolicy.revoke
    const grant = yield* store.get(id).pipe(orNotFound("grant", id))
    yield* GrantPolicy.visible(grant.organisationId, "grant", id)
    const now = yield* DateTime.now
    const { award, revoked } = yield* transactions.run(Effect.gen(function*() {
      const moved = yield* store.transition(id, {
        from: ["pending", "external", "accepted", "processed"],
        to: "revoked",
        now
      })
      if (Option.isNone(moved)) return yield* statusConflict(id)
      // Revoking the award a grant made is revoking an award: its policy applies too (a refusal rolls back).
      if (moved.value.awardId !== undefined) yield* AwardPolicy.revoke
      const award = yield* revokeAwardOf(moved.value, now)
      yield* outbox.write([
        new GrantRevoked({ grant: moved.value }),
        ...Option.toArray(Option.map(award, (award) => new BadgeRevoked({ award })))
      ])
      return { revoked: moved.value, award }
    }))
    yield* events.publish([
      new GrantRevoked({ grant: revoked }),
      ...Option.toArray(Option.map(award, (award) => new BadgeRevoked({ award })))
    ])
    return revoked
  })

  return Grants.of({ offer, open, get, getBySerial, list, accept, revoke })
})

/** The grants service over the stores and services in context, and the `GrantNotifier` in force. */
export const layer: Layer.Layer<
  Grants,
  never,
  | GrantStore
  | DefinitionStore
  | AwardStore
  | AwardIssuing
  | ServerSecrets
  | BadgeEvents
  | Outbox
  | Transactions
  | IdGenerator
> = Layer.effect(Grants, make)
