/**
 * The storage port of claim codes. A code is found by the hash of its secret; uses are taken atomically.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { Conflict, NotFound, StoreError } from "../Errors.js"
import type { BadgeDefinitionId, ClaimCodeId } from "../Ids.js"
import type { ReadOptions } from "../tenancy/TenancyStore.js"
import type { ClaimCode } from "./ClaimCode.js"

/** The claim codes port. */
export class ClaimCodeStore extends Context.Tag("@badge-engine/core/ClaimCodeStore")<ClaimCodeStore, {
  /** Stores a new code; a hash already stored is a `Conflict`. */
  readonly create: (code: ClaimCode) => Effect.Effect<ClaimCode, Conflict | StoreError>
  readonly get: (id: ClaimCodeId, options?: ReadOptions) => Effect.Effect<Option.Option<ClaimCode>, StoreError>
  readonly findByHash: (codeHash: string) => Effect.Effect<Option.Option<ClaimCode>, StoreError>
  /** The codes of a definition, oldest first. */
  readonly list: (definitionId: BadgeDefinitionId) => Effect.Effect<ReadonlyArray<ClaimCode>, StoreError>
  /** Writes the settings of an existing code as given: label, limit, expiry, enabled, archived. Never its uses. */
  readonly save: (code: ClaimCode) => Effect.Effect<ClaimCode, NotFound | StoreError>
  /**
   * Takes one use of the code with this hash if, at that moment, it is enabled, not archived, not expired at
   * `now` and under its limit; returns the code after the use, or nothing. Uses never pass the limit, however
   * many take them at once.
   */
  readonly takeUse: (codeHash: string, now: DateTime.Utc) => Effect.Effect<Option.Option<ClaimCode>, StoreError>
}>() {}
