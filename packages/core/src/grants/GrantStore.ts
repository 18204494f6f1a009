/**
 * The storage port of grants. One pending grant per definition and person, kept unique by the database.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { AwardId, BadgeDefinitionId, GrantId } from "../Ids.js"
import type { Grant, GrantStatus, NewGrant } from "./Grant.js"

/** A change of a grant's status, made only from the statuses named. */
export interface GrantTransition {
  readonly from: ReadonlyArray<GrantStatus>
  readonly to: GrantStatus
  /** The award the grant made, once accepted. */
  readonly awardId?: AwardId | undefined
  readonly now: DateTime.Utc
}

/** The grants port. */
export class GrantStore extends Context.Tag("@badge-engine/core/GrantStore")<GrantStore, {
  /**
   * Stores a pending grant, unless one is open already (pending, accepted or processed) for the same definition and
   * person: that one is returned instead, with `created: false`. The database keeps one open grant per person and
   * assigns the grant's serial.
   */
  readonly create: (grant: NewGrant) => Effect.Effect<{ readonly grant: Grant; readonly created: boolean }, StoreError>
  readonly get: (id: GrantId) => Effect.Effect<Option.Option<Grant>, StoreError>
  /** A grant by its serial (the integer the database assigned). */
  readonly getBySerial: (serial: number) => Effect.Effect<Option.Option<Grant>, StoreError>
  /** The grants of a definition to a person (by `Grant.recipientKey`), newest first. */
  readonly forRecipient: (
    definitionId: BadgeDefinitionId,
    recipientKey: string
  ) => Effect.Effect<ReadonlyArray<Grant>, StoreError>
  /** The grants of a definition, oldest first. */
  readonly list: (definitionId: BadgeDefinitionId) => Effect.Effect<ReadonlyArray<Grant>, StoreError>
  /**
   * Moves a grant to another status if, at that moment, it is in one of the `from` statuses; returns the grant
   * changed, or nothing when it was not (another request got there first, or the grant does not exist).
   */
  readonly transition: (id: GrantId, change: GrantTransition) => Effect.Effect<Option.Option<Grant>, StoreError>
}>() {}
