/**
 * What a worker runs for one kind of job: the run, and when a failed run is tried again.
 *
 * @since 0.1.0
 */
import { Duration, type Effect, Schema } from "effect"
import type { Job } from "./Job.js"

/** A run that failed: the message is kept on the job (it must hold no secret). */
export class JobFailed extends Schema.TaggedError<JobFailed>()("JobFailed", {
  message: Schema.String
}) {}

/** The handler of a kind of job. */
export interface JobHandler<R = never> {
  readonly kind: string
  /**
   * Runs a claimed job from its saved progress (`job.progress`). `save` stores progress and extends the lease, so a
   * worker taking over after a crash resumes there; it fails when the lease was lost, which ends the run.
   * Succeeds with the final progress.
   */
  readonly run: (
    job: Job,
    save: (progress: unknown) => Effect.Effect<void, JobFailed>
  ) => Effect.Effect<unknown, JobFailed, R>
  /** How long to wait before the next run after `attempts` failed ones; `undefined` gives up (the job fails). */
  readonly retryAfter: (attempts: number) => Duration.Duration | undefined
}

/** Exponential backoff from `base`, doubling per attempt up to `max`, for at most `attempts` runs. */
export const exponential = (options: {
  readonly base: Duration.DurationInput
  readonly max: Duration.DurationInput
  readonly attempts: number
}) =>
(attempts: number): Duration.Duration | undefined =>
  attempts >= options.attempts
    ? undefined
    : Duration.min(Duration.times(Duration.decode(options.base), 2 ** Math.max(attempts - 1, 0)), options.max)
