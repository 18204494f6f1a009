/**
 * The worker: claims due jobs from the shared table and runs them by kind, a few at a time, with a lease it extends
 * while a run goes on. Many processes may run one on the same database; a job whose worker died is taken over
 * once its lease expires. It keeps real time (not a test clock): leases are about processes, not scenarios.
 *
 * @since 0.1.0
 */
import { Cause, Clock, Context, DateTime, Duration, Effect, Fiber, Layer, Ref, Schedule } from "effect"
import { IdGenerator } from "../Ids.js"
import type { Job } from "./Job.js"
import { JobFailed, type JobHandler } from "./JobHandler.js"
import { Jobs } from "./Jobs.js"
import { JobStore } from "./JobStore.js"

/** How the worker runs; read when its layer is built. */
export interface WorkerSettings {
  /** Run a worker in this process at all (a host may leave the jobs to other processes). */
  readonly enabled: boolean
  /** How long a claim holds without a heartbeat: after a crash, another worker takes the job over this much later. */
  readonly lease: Duration.DurationInput
  /** How often an idle worker looks for jobs enqueued by other processes. */
  readonly pollInterval: Duration.DurationInput
  /** Jobs run at once by this worker. */
  readonly concurrency: number
}

/** The worker's settings (default: enabled, 30 s leases, polling every second, 8 at once). */
export class Settings extends Context.Reference<Settings>()("@badge-engine/core/JobWorker/Settings", {
  defaultValue: (): WorkerSettings => ({ enabled: true, lease: "30 seconds", pollInterval: "1 second", concurrency: 8 })
}) {}

/** What the worker does before each claim, e.g. turning new events into deliveries; returns how much it did. */
export type Tick<R> = Effect.Effect<number, never, R>

const live = Clock.make()

/** Runs one claimed job: heartbeats while it runs, then records its success or failure. */
const runOne = <R>(
  store: JobStore["Type"],
  worker: string,
  settings: WorkerSettings,
  handler: JobHandler<R>,
  job: Job
) =>
  Effect.gen(function*() {
    const lease = Duration.decode(settings.lease)
    const leaseUntil = (now: DateTime.Utc) => DateTime.addDuration(now, lease)
    const beat = (progress?: unknown) =>
      Effect.flatMap(DateTime.now, (now) =>
        store.heartbeat(job.id, worker, {
          now,
          leaseUntil: leaseUntil(now),
          ...(progress !== undefined ? { progress } : {})
        })).pipe(
          Effect.catchAll(() => Effect.succeed(true)),
          Effect.flatMap((held) => held ? Effect.void : new JobFailed({ message: "the lease was lost" }))
        )
    const every = Duration.millis(Math.max(Duration.toMillis(lease) / 3, 10))
    const heartbeats = yield* beat().pipe(Effect.repeat(Schedule.spaced(every)), Effect.delay(every), Effect.fork)
    const outcome = yield* handler.run(job, (progress) => beat(progress)).pipe(
      Effect.raceFirst(Effect.flatMap(Fiber.join(heartbeats), () => Effect.never)),
      Effect.catchAllDefect((defect) => new JobFailed({ message: `defect: ${Cause.pretty(Cause.die(defect))}` })),
      Effect.either
    )
    yield* Fiber.interrupt(heartbeats)
    const now = yield* DateTime.now
    if (outcome._tag === "Right") {
      yield* store.complete(job.id, worker, { now, progress: outcome.right })
      return
    }
    const wait = handler.retryAfter(job.attempts)
    yield* Effect.logWarning("job failed", outcome.left.message).pipe(
      Effect.annotateLogs({ jobId: job.id, kind: job.kind, attempts: job.attempts, retry: wait !== undefined })
    )
    yield* store.fail(job.id, worker, {
      now,
      error: outcome.left.message.slice(0, 2000),
      retryAt: wait === undefined ? undefined : DateTime.addDuration(now, wait)
    })
  }).pipe(Effect.catchAllCause((cause) => Effect.logError("job not recorded", cause)))

/**
 * The worker's loop over the handlers given, forever: claim what is due up to the free slots, run each in the
 * background, and wait for a wake-up or the poll interval when nothing is due.
 */
export const run = <R = never, RT = never>(
  handlers: ReadonlyArray<JobHandler<R>>,
  tick: Tick<RT> = Effect.succeed(0)
) =>
  Effect.gen(function*() {
    const store = yield* JobStore
    const jobs = yield* Jobs
    const settings = yield* Settings
    const worker = yield* Effect.flatMap(IdGenerator, (ids) => ids.make("worker"))
    const byKind = new Map(handlers.map((handler) => [handler.kind, handler]))
    const kinds = Array.from(byKind.keys())
    const running = yield* Ref.make(0)
    const lease = Duration.decode(settings.lease)
    const scope = yield* Effect.scope

    // The tick runs at most every 200 ms: a busy worker's rounds follow each other closely.
    let lastTick = 0
    const throttledTick = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (now - lastTick < 200) return Effect.succeed(0)
      lastTick = now
      return tick
    })

    const round = Effect.gen(function*() {
      const ticked = yield* throttledTick
      const free = settings.concurrency - (yield* Ref.get(running))
      if (free <= 0) return ticked > 0
      const now = yield* DateTime.now
      const claimed = yield* store.claim({
        worker,
        kinds,
        now,
        leaseUntil: DateTime.addDuration(now, lease),
        limit: free
      })
      for (const job of claimed) {
        yield* Ref.update(running, (n) => n + 1)
        yield* runOne(store, worker, settings, byKind.get(job.kind)!, job).pipe(
          Effect.ensuring(Effect.zipRight(Ref.update(running, (n) => n - 1), jobs.wake)),
          Effect.forkIn(scope)
        )
      }
      return ticked > 0 || claimed.length === free
    }).pipe(Effect.catchAllCause((cause) => Effect.as(Effect.logWarning("job worker round failed", cause), false)))

    return yield* Effect.forever(
      Effect.flatMap(round, (busy) =>
        busy ? Effect.yieldNow() : Effect.raceFirst(jobs.awaitWake, Effect.sleep(settings.pollInterval)))
    ).pipe(Effect.withClock(live), Effect.annotateLogs({ worker }))
  })

/** Runs the worker in the background for the life of the layer, unless the settings disable it. */
export const layer = <R = never, RT = never>(
  handlers: ReadonlyArray<JobHandler<R>>,
  tick?: Tick<RT>
): Layer.Layer<never, never, JobStore | Jobs | IdGenerator | R | RT> =>
  Layer.scopedDiscard(
    Effect.gen(function*() {
      if (!(yield* Settings).enabled) return
      yield* Effect.forkScoped(run(handlers, tick))
    })
  )
