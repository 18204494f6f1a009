/**
 * A job: work the engine promised to do later, kept in the database so any process may do it, after a restart too.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { JobId, OrganisationId } from "../Ids.js"

/** A job's life: `queued → running → succeeded`, or back to `queued` to retry, or `failed` for good. */
export const JobState = Schema.Literal("queued", "running", "succeeded", "failed")
/** @since 0.1.0 */
export type JobState = typeof JobState.Type

/** What a job does, e.g. `backfill` or `webhook.delivery`: a worker runs the kinds it has a handler for. */
export const JobKind = Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9_.-]*$/), Schema.maxLength(100))
/** @since 0.1.0 */
export type JobKind = typeof JobKind.Type

/** A job, as stored. */
export class Job extends Schema.Class<Job>("Job")({
  id: JobId,
  kind: JobKind,
  organisationId: Schema.optional(OrganisationId),
  /** Jobs sharing a key run one at a time, in the order they were enqueued (a recipient's webhooks, a rule's runs). */
  orderingKey: Schema.optional(Schema.String),
  /** At most one job holds a key (a delivery per endpoint and event): enqueuing it again returns the first. */
  uniqueKey: Schema.optional(Schema.String),
  /** What the handler needs, as JSON. */
  payload: Schema.Unknown,
  state: JobState,
  /** Runs started, the current one included. */
  attempts: Schema.Int,
  /** When it may run (next). */
  runAt: Schema.DateTimeUtcFromSelf,
  /** The worker running it, until its lease expires: then another worker takes it over. */
  leaseOwner: Schema.optional(Schema.String),
  leaseExpiresAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  /** Where it is, as JSON: a backfill's cursor and counts, saved per batch so a takeover resumes there. */
  progress: Schema.optional(Schema.Unknown),
  /** Why the last run failed. */
  lastError: Schema.optional(Schema.String),
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf,
  finishedAt: Schema.optional(Schema.DateTimeUtcFromSelf)
}) {}

/** A job before it is stored: the state and counters are set by the store. */
export type NewJob = Pick<
  Job,
  "id" | "kind" | "organisationId" | "orderingKey" | "uniqueKey" | "payload" | "runAt" | "createdAt"
>
