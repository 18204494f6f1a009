/**
 * The storage port of the outbox: entries appended in the transaction of the change they report, read in the order
 * those transactions committed, and named consumers' saved positions.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { EventId } from "../Ids.js"
import type { NewOutboxEntry, OutboxEntry } from "./OutboxEntry.js"

/** The outbox port. */
export class OutboxStore extends Context.Tag("@badge-engine/core/OutboxStore")<OutboxStore, {
  /**
   * Appends entries in the caller's transaction (or one of their own). Positions rise in commit order: a reader never
   * sees an entry appear before one it has already read past (Postgres holds a lock from the append to the commit).
   */
  readonly append: (entries: ReadonlyArray<NewOutboxEntry>) => Effect.Effect<void, StoreError>
  /** Up to `limit` entries after a position, in order. */
  readonly after: (position: number, limit: number) => Effect.Effect<ReadonlyArray<OutboxEntry>, StoreError>
  readonly get: (id: EventId) => Effect.Effect<Option.Option<OutboxEntry>, StoreError>
  /**
   * A consumer's saved position (0 before its first save). With `forUpdate`, held until the transaction ends, so
   * consumers of one name take turns (Postgres; SQLite has one writer).
   */
  readonly position: (
    consumer: string,
    options?: { readonly forUpdate?: boolean }
  ) => Effect.Effect<number, StoreError>
  /** Saves a consumer's position. */
  readonly savePosition: (consumer: string, position: number, now: DateTime.Utc) => Effect.Effect<void, StoreError>
}>() {}
