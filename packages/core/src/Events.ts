/**
 * Events for host apps: every award, revocation and expiry, every grant offered, accepted or revoked, and every claim
 * code redeemed, published on this in-process bus after its transaction commits. The same events are written to the
 * outbox in that transaction (see `Outbox`), for consumers that must see every one of them, across restarts.
 *
 * @since 0.1.0
 */
import { Context, Data, Effect, Layer, PubSub, type Scope, Stream } from "effect"
import type { Award } from "./awards/Award.js"
import type { ClaimCode } from "./claim-codes/ClaimCode.js"
import type { Grant } from "./grants/Grant.js"

/** A badge was awarded. */
export class BadgeAwarded extends Data.TaggedClass("BadgeAwarded")<{ readonly award: Award }> {}
/** An award was revoked. */
export class BadgeRevoked extends Data.TaggedClass("BadgeRevoked")<{ readonly award: Award }> {}
/** An award reached its expiry. */
export class BadgeExpired extends Data.TaggedClass("BadgeExpired")<{ readonly award: Award }> {}

/** A grant was offered: published when the offer created it, not when it returned one already pending. */
export class GrantOffered extends Data.TaggedClass("GrantOffered")<{ readonly grant: Grant }> {}
/** A grant was accepted; its award is published as `BadgeAwarded`. */
export class GrantAccepted extends Data.TaggedClass("GrantAccepted")<{ readonly grant: Grant }> {}
/** A grant was revoked; the award it made, if any, is published as `BadgeRevoked`. */
export class GrantRevoked extends Data.TaggedClass("GrantRevoked")<{ readonly grant: Grant }> {}

/** A claim code was redeemed; its award is published as `BadgeAwarded` too. */
export class ClaimCodeRedeemed extends Data.TaggedClass("ClaimCodeRedeemed")<{
  readonly claimCode: ClaimCode
  readonly award: Award
}> {}

/** An event about an award: it carries the `award`. */
export type AwardEvent = BadgeAwarded | BadgeRevoked | BadgeExpired
/** An event about a grant: it carries the `grant`, never its accept key. */
export type GrantEvent = GrantOffered | GrantAccepted | GrantRevoked
/** Every event the engine emits. */
export type BadgeEvent = AwardEvent | GrantEvent | ClaimCodeRedeemed

/** Whether an event is about an award, for streams that only want those. */
export const isAwardEvent = (event: BadgeEvent): event is AwardEvent =>
  event._tag === "BadgeAwarded" || event._tag === "BadgeRevoked" || event._tag === "BadgeExpired"

/** The event bus. Subscribers each see every event published after they subscribed. */
export class BadgeEvents extends Context.Tag("@badge-engine/core/BadgeEvents")<BadgeEvents, {
  readonly publish: (events: Iterable<BadgeEvent>) => Effect.Effect<void>
  /** A subscription for the life of the scope: events queue for it until read. */
  readonly subscribe: Effect.Effect<Stream.Stream<BadgeEvent>, never, Scope.Scope>
  /** All events from now on, as a stream. */
  readonly stream: Stream.Stream<BadgeEvent>
}>() {
  /** An unbounded in-process bus. */
  static readonly layer: Layer.Layer<BadgeEvents> = Layer.scoped(
    BadgeEvents,
    Effect.gen(function*() {
      const pubsub = yield* Effect.acquireRelease(PubSub.unbounded<BadgeEvent>(), PubSub.shutdown)
      return BadgeEvents.of({
        publish: (events) => Effect.asVoid(PubSub.publishAll(pubsub, events)),
        subscribe: Effect.map(PubSub.subscribe(pubsub), Stream.fromQueue),
        stream: Stream.fromPubSub(pubsub)
      })
    })
  )
}
