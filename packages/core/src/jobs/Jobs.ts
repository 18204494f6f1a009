/**
 * Jobs: enqueued in the caller's transaction (so a rule and its backfill land together), read with their state and
 * progress, and a signal that wakes this process's worker once an enqueuing transaction has committed.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Deferred, Effect, Layer, Ref } from "effect"
import { type Forbidden, type InvalidInput, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import { IdGenerator, type JobId, type OrganisationId } from "../Ids.js"
import type { Job, JobState } from "./Job.js"
import * as JobPolicy from "./JobPolicy.js"
import { JobStore } from "./JobStore.js"

/** What is enqueued. */
export interface JobRequest {
  readonly kind: string
  readonly payload: unknown
  readonly organisationId?: OrganisationId | undefined
  readonly orderingKey?: string | undefined
  readonly uniqueKey?: string | undefined
  readonly runAt?: DateTime.Utc | undefined
}

/** How a listing of jobs is narrowed: by default every organisation the actor sees. */
export interface JobQuery {
  readonly organisationId?: OrganisationId | undefined
  readonly kind?: string | undefined
  readonly state?: JobState | undefined
  readonly limit?: number | undefined
}

/** The jobs service. */
export class Jobs extends Context.Tag("@badge-engine/core/Jobs")<Jobs, {
  /** Enqueues a job, in the caller's transaction if there is one. Call `wake` once that transaction commits. */
  readonly enqueue: (request: JobRequest) => Effect.Effect<Job, StoreError>
  /** Tells this process's worker that jobs are waiting, so it need not wait for its next poll. */
  readonly wake: Effect.Effect<void>
  /** Waits until `wake` is called (the worker's side of the signal). */
  readonly awaitWake: Effect.Effect<void>
  /** A job, for the system or an admin of its organisation. */
  readonly get: (id: JobId) => Effect.Effect<Job, NotFound | Forbidden | StoreError>
  /** The newest jobs first (at most 100). */
  readonly list: (query: JobQuery) => Effect.Effect<ReadonlyArray<Job>, InvalidInput | Forbidden | StoreError>
}>() {}

/** Builds the Jobs service from the port in context. */
export const make = Effect.gen(function*() {
  const store = yield* JobStore
  const ids = yield* IdGenerator
  const signal = yield* Ref.make(yield* Deferred.make<void>())

  const enqueue = Effect.fn("Jobs.enqueue")(function*(request: JobRequest) {
    const now = yield* DateTime.now
    return yield* store.enqueue({
      id: (yield* ids.make("job")) as JobId,
      kind: request.kind,
      organisationId: request.organisationId,
      orderingKey: request.orderingKey,
      uniqueKey: request.uniqueKey,
      payload: request.payload,
      runAt: request.runAt ?? now,
      createdAt: now
    })
  })

  const wake = Effect.flatMap(
    Deferred.make<void>(),
    (next) => Effect.flatMap(Ref.getAndSet(signal, next), (current) => Deferred.succeed(current, undefined))
  ).pipe(Effect.asVoid)

  const awaitWake = Effect.flatMap(Ref.get(signal), Deferred.await)

  const get = Effect.fn("Jobs.get")(function*(id: JobId) {
    yield* JobPolicy.read
    const job = yield* store.get(id).pipe(orNotFound("job", id))
    yield* JobPolicy.visible(job.organisationId, id)
    return job
  })

  const list = Effect.fn("Jobs.list")(function*(query: JobQuery) {
    const organisationId = yield* JobPolicy.list(query.organisationId)
    return yield* store.list(
      { organisationId, kind: query.kind, state: query.state },
      Math.min(Math.max(query.limit ?? 50, 1), 100)
    )
  })

  return Jobs.of({ enqueue, wake, awaitWake, get, list })
})

/** The jobs service over the port in context. */
export const layer: Layer.Layer<Jobs, never, JobStore | IdGenerator> = Layer.effect(Jobs, make)
