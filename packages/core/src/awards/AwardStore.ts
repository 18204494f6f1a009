/**
 * The storage port of awards. Every constraint on an award is settled by the database, atomically against
 * concurrent inserts: the definition's `unique` and `maxAwards`, and a rule's once-only award.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { AwardLimitReached, Conflict, DefinitionInactive, NotFound, StoreError } from "../Errors.js"
import type { AwardId, BadgeDefinitionId, OrganisationId } from "../Ids.js"
import type { Page, PageRequest } from "../Page.js"
import type { Award, AwardFilter, NewAward, Recipient } from "./Award.js"

/**
 * What an award insert checks beyond the definition's own rules. The store always enforces the definition's
 * `unique` (one live award per recipient) and `maxAwards` (unrevoked awards), and refuses archived or deleted
 * definitions.
 */
export interface AwardConstraints {
  /** An award with this key is made once, whatever the retries (a rule's award per recipient). */
  readonly onceKey?: string | undefined
  /** Refuse (`Conflict`) when the recipient holds a live award of the definition at this instant, whatever `unique`. */
  readonly noLiveDuplicateAt?: DateTime.Utc | undefined
}

/** The outcome of an award insert that lost a race or was already made. */
export type AwardRefusal = Conflict | AwardLimitReached | DefinitionInactive

/** The awards port. */
export class AwardStore extends Context.Tag("@badge-engine/core/AwardStore")<AwardStore, {
  /** Inserts an award, enforcing the definition's rules and `constraints` atomically. */
  readonly insert: (
    award: NewAward,
    constraints: AwardConstraints
  ) => Effect.Effect<Award, NotFound | AwardRefusal | StoreError>
  /**
   * Inserts many awards, in one write, in the order given (their serials follow it), where the definitions' rules
   * allow all of a definition's awards together; returns those made. An award not made here (a place taken meanwhile, a conflict, no room for
   * all) is left to the caller, to insert alone for an exact outcome.
   */
  readonly insertMany: (
    awards: ReadonlyArray<{ readonly award: NewAward; readonly onceKey?: string | undefined }>
  ) => Effect.Effect<ReadonlyArray<Award>, StoreError>
  readonly get: (id: AwardId) => Effect.Effect<Option.Option<Award>, StoreError>
  /** Revokes a live award with a reason; an award already revoked is a `Conflict`. */
  readonly revoke: (
    id: AwardId,
    reason: string,
    now: DateTime.Utc
  ) => Effect.Effect<Award, NotFound | Conflict | StoreError>
  /** The live award of a definition for a recipient at `now`, if any. */
  readonly findLive: (
    definitionId: BadgeDefinitionId,
    recipient: Recipient,
    now: DateTime.Utc
  ) => Effect.Effect<Option.Option<Award>, StoreError>
  /** The definitions a recipient holds a live award of at `now`, in one organisation. */
  readonly held: (
    organisationId: OrganisationId,
    recipient: Recipient,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlySet<BadgeDefinitionId>, StoreError>
  /** What `held` returns for several recipients in one read, by recipient key; those holding nothing are absent. */
  readonly heldOf: (
    organisationId: OrganisationId,
    recipients: ReadonlyArray<Recipient>,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlyMap<string, ReadonlySet<BadgeDefinitionId>>, StoreError>
  /**
   * The once-only keys (see {@link AwardConstraints}) of the recipients' awards, whatever their state now (revoked,
   * expired): an award made once is never made again, so a plan leaves these out.
   */
  readonly onceKeysOf: (
    organisationId: OrganisationId,
    recipients: ReadonlyArray<Recipient>
  ) => Effect.Effect<ReadonlySet<string>, StoreError>
  /** The places left under `maxAwards` of the definitions that have one, by id (read in the caller's transaction). */
  readonly placesLeft: (
    definitionIds: ReadonlyArray<BadgeDefinitionId>
  ) => Effect.Effect<ReadonlyMap<BadgeDefinitionId, number>, StoreError>
  readonly list: (filter: AwardFilter, page: PageRequest, now: DateTime.Utc) => Effect.Effect<Page<Award>, StoreError>
  /** Awards an activity caused, so a replayed activity can answer as the first time. */
  readonly byActivity: (activityId: string) => Effect.Effect<ReadonlyArray<Award>, StoreError>
  /** Marks awards that expired by `now` and returns them, each once (for `BadgeExpired` events). */
  readonly expire: (now: DateTime.Utc) => Effect.Effect<ReadonlyArray<Award>, StoreError>
}>() {}
