/**
 * The storage port of jobs: one table shared by every process. Claims are settled by the database (`FOR UPDATE SKIP
 * LOCKED` on Postgres, one writer on SQLite), each with a lease another worker takes over once it expires.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { JobId, OrganisationId } from "../Ids.js"
import type { Job, JobState, NewJob } from "./Job.js"

/** What a worker asks for when it claims jobs. */
export interface ClaimRequest {
  readonly worker: string
  readonly kinds: ReadonlyArray<string>
  readonly now: DateTime.Utc
  readonly leaseUntil: DateTime.Utc
  readonly limit: number
}

/** How a listing of jobs is narrowed. */
export interface JobFilter {
  readonly organisationId?: OrganisationId | undefined
  readonly kind?: string | undefined
  readonly state?: JobState | undefined
}

/** The jobs port. */
export class JobStore extends Context.Tag("@badge-engine/core/JobStore")<JobStore, {
  /** Stores a queued job, in the caller's transaction if any; a `uniqueKey` already held returns that job. */
  readonly enqueue: (job: NewJob) => Effect.Effect<Job, StoreError>
  /**
   * Claims up to `limit` jobs of the kinds given that are due (queued and run at by `now`), or running under an
   * expired lease; a job waits while an earlier one of its `orderingKey` is queued or running. Each claim starts a
   * run (`attempts + 1`) leased to the worker until `leaseUntil`. No job is claimed twice at once.
   */
  readonly claim: (request: ClaimRequest) => Effect.Effect<ReadonlyArray<Job>, StoreError>
  /** Extends the worker's lease and saves progress; false when the worker no longer holds the job. */
  readonly heartbeat: (
    id: JobId,
    worker: string,
    update: { readonly now: DateTime.Utc; readonly leaseUntil: DateTime.Utc; readonly progress?: unknown }
  ) => Effect.Effect<boolean, StoreError>
  /** Marks the worker's job succeeded; false when the worker no longer holds it. */
  readonly complete: (
    id: JobId,
    worker: string,
    update: { readonly now: DateTime.Utc; readonly progress?: unknown }
  ) => Effect.Effect<boolean, StoreError>
  /**
   * Records a failed run: queued again at `retryAt`, or failed for good without one; the error is kept either way.
   * False when the worker no longer holds the job.
   */
  readonly fail: (
    id: JobId,
    worker: string,
    update: { readonly now: DateTime.Utc; readonly error: string; readonly retryAt?: DateTime.Utc | undefined }
  ) => Effect.Effect<boolean, StoreError>
  readonly get: (id: JobId) => Effect.Effect<Option.Option<Job>, StoreError>
  /** The newest jobs first, at most `limit`. */
  readonly list: (filter: JobFilter, limit: number) => Effect.Effect<ReadonlyArray<Job>, StoreError>
}>() {}
