/**
 * The storage port of activities and the per-day aggregates that criteria read.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import type { Activity, ActivityDay, StoredActivity } from "./Activity.js"

/** The activities port. */
export class ActivityStore extends Context.Tag("@badge-engine/core/ActivityStore")<ActivityStore, {
  /**
   * Stores an activity and, atomically, adds it to the recipient's count for its local `day`.
   * An idempotency key seen before changes nothing and returns the first activity with `inserted: false`.
   */
  readonly record: (activity: Activity, day: string) => Effect.Effect<StoredActivity, StoreError>
  /**
   * Stores many activities atomically, each with its local day, and adds the new ones to the aggregates.
   * Activities whose idempotency key was seen before (also earlier in the same batch) change nothing; the ones
   * stored are returned.
   */
  readonly recordMany: (
    activities: ReadonlyArray<{ readonly activity: Activity; readonly day: string }>
  ) => Effect.Effect<ReadonlyArray<Activity>, StoreError>
  /** A recipient's activity counts per type and day, optionally only for some types. */
  readonly days: (
    organisationId: OrganisationId,
    recipientId: string,
    types?: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<ActivityDay>, StoreError>
  /**
   * The counts per type and day of several recipients in one read, by recipient id (in the order of `days`);
   * recipients without activity are absent. Backfills read a whole batch this way.
   */
  readonly daysOf: (
    organisationId: OrganisationId,
    recipientIds: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyMap<string, ReadonlyArray<ActivityDay>>, StoreError>
  /** A recipient's total activity count per type. */
  readonly totals: (
    organisationId: OrganisationId,
    recipientId: string
  ) => Effect.Effect<ReadonlyMap<string, number>, StoreError>
  /** Recipients of an organisation with any activity, in a stable order after `after`. */
  readonly recipients: (
    organisationId: OrganisationId,
    options: { readonly after?: string | undefined; readonly limit: number }
  ) => Effect.Effect<ReadonlyArray<string>, StoreError>
  readonly countRecipients: (organisationId: OrganisationId) => Effect.Effect<number, StoreError>
}>() {}
