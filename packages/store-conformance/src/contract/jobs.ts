import { type Job, type JobId, JobStore, type NewJob, type OrganisationId, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Option } from "effect"
import { hoursAfter, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A job of a kind, due at `t0` unless told. */
const newJob = (kind: string, fields: Partial<NewJob> = {}): NewJob => ({
  id: uniqueId("job") as JobId,
  kind,
  organisationId: undefined,
  orderingKey: undefined,
  uniqueKey: undefined,
  payload: { n: 1, text: "ä" },
  runAt: t0,
  createdAt: t0,
  ...fields
})

/** Each test claims only kinds of its own, so jobs of other tests are never in its way. */
const claimOf = (store: JobStore["Type"], kind: string, worker: string, now = t0, limit = 10) =>
  store.claim({ worker, kinds: [kind], now, leaseUntil: DateTime.add(now, { minutes: 1 }), limit })

/** The jobs port. */
export const jobs = (it: It) => {
  it.effect("enqueues a queued job with its payload, and a unique key enqueued again returns the first job", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      const made = yield* store.enqueue(newJob(kind, { organisationId: "org-x" as OrganisationId }))
      expect(made).toMatchObject({ kind, state: "queued", attempts: 0, payload: { n: 1, text: "ä" } })
      expect(made.runAt).toEqual(t0)
      expect(Option.getOrThrow(yield* store.get(made.id)).organisationId).toBe("org-x")
      const key = uniqueId("unique")
      const first = yield* store.enqueue(newJob(kind, { uniqueKey: key }))
      const again = yield* Effect.all([1, 2, 3].map(() => store.enqueue(newJob(kind, { uniqueKey: key }))), {
        concurrency: "unbounded"
      })
      expect(again.map((job) => job.id)).toEqual([first.id, first.id, first.id])
    }))

  it.effect("claims due jobs of the kinds asked with a lease, never one job by two workers at once", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      for (let i = 0; i < 12; i++) yield* store.enqueue(newJob(kind))
      yield* store.enqueue(newJob(kind, { runAt: hoursAfter(1) }))
      yield* store.enqueue(newJob(uniqueId("other-kind")))
      const claims = yield* Effect.all(
        [1, 2, 3, 4, 5, 6].map((n) => claimOf(store, kind, `worker-${n}`, t0, 3)),
        { concurrency: "unbounded" }
      )
      const claimed = claims.flat()
      expect(claimed).toHaveLength(12)
      expect(new Set(claimed.map((job) => job.id)).size).toBe(12)
      expect(claimed.every((job) => job.state === "running" && job.attempts === 1)).toBe(true)
      expect(claimed[0]!.leaseExpiresAt).toEqual(DateTime.add(t0, { minutes: 1 }))
      // Leased jobs are not claimed again while their lease holds; the later one is due later.
      expect(yield* claimOf(store, kind, "worker-7")).toEqual([])
      expect(yield* claimOf(store, kind, "worker-7", DateTime.add(t0, { seconds: 30 }))).toEqual([])
    }))

  it.effect("a job whose lease expired is taken over, and its first worker can no longer change it", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      const job = yield* store.enqueue(newJob(kind))
      const [claimed] = yield* claimOf(store, kind, "worker-a")
      expect(claimed!.id).toBe(job.id)
      const later = DateTime.add(t0, { minutes: 2 })
      const [taken] = yield* claimOf(store, kind, "worker-b", later)
      expect(taken).toMatchObject({ id: job.id, leaseOwner: "worker-b", attempts: 2 })
      expect(yield* store.heartbeat(job.id, "worker-a", { now: later, leaseUntil: later, progress: { x: 1 } })).toBe(
        false
      )
      expect(yield* store.complete(job.id, "worker-a", { now: later })).toBe(false)
      expect(yield* store.fail(job.id, "worker-a", { now: later, error: "late" })).toBe(false)
      expect(yield* store.complete(job.id, "worker-b", { now: later, progress: { done: 3 } })).toBe(true)
      const done = Option.getOrThrow(yield* store.get(job.id))
      expect(done).toMatchObject({ state: "succeeded", progress: { done: 3 } })
      expect(done.leaseOwner).toBeUndefined()
      expect(done.finishedAt).toEqual(later)
    }))

  it.effect("a heartbeat saves progress; a failed run keeps its error and is queued again or fails for good", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      const job = yield* store.enqueue(newJob(kind))
      yield* claimOf(store, kind, "worker-a")
      expect(yield* store.heartbeat(job.id, "worker-a", { now: t0, leaseUntil: hoursAfter(1), progress: { c: "r9" } }))
        .toBe(true)
      expect(Option.getOrThrow(yield* store.get(job.id)).progress).toEqual({ c: "r9" })
      expect(yield* store.fail(job.id, "worker-a", { now: t0, error: "boom", retryAt: hoursAfter(1) })).toBe(true)
      const queued = Option.getOrThrow(yield* store.get(job.id))
      expect(queued).toMatchObject({ state: "queued", lastError: "boom", progress: { c: "r9" }, attempts: 1 })
      expect(queued.runAt).toEqual(hoursAfter(1))
      expect(yield* claimOf(store, kind, "worker-a")).toEqual([])
      const [again] = yield* claimOf(store, kind, "worker-b", hoursAfter(1))
      expect(again).toMatchObject({ id: job.id, attempts: 2, progress: { c: "r9" } })
      expect(yield* store.fail(job.id, "worker-b", { now: hoursAfter(1), error: "boom again" })).toBe(true)
      expect(Option.getOrThrow(yield* store.get(job.id))).toMatchObject({ state: "failed", lastError: "boom again" })
      expect(yield* claimOf(store, kind, "worker-c", hoursAfter(5))).toEqual([])
    }))

  it.effect("jobs sharing an ordering key run one at a time, in the order they were enqueued", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      const key = uniqueId("key")
      const first = yield* store.enqueue(newJob(kind, { orderingKey: key, runAt: hoursAfter(1) }))
      const second = yield* store.enqueue(newJob(kind, { orderingKey: key }))
      const other = yield* store.enqueue(newJob(kind, { orderingKey: uniqueId("key") }))
      // The second is due first, but waits for the first of its key.
      const ids = (jobs: ReadonlyArray<Job>) => jobs.map((job) => job.id)
      expect(ids(yield* claimOf(store, kind, "w", t0))).toEqual([other.id])
      yield* store.complete(other.id, "w", { now: t0 })
      expect(ids(yield* claimOf(store, kind, "w", hoursAfter(1)))).toEqual([first.id])
      expect(ids(yield* claimOf(store, kind, "w", hoursAfter(1)))).toEqual([])
      yield* store.fail(first.id, "w", { now: hoursAfter(1), error: "try later", retryAt: hoursAfter(2) })
      expect(ids(yield* claimOf(store, kind, "w", hoursAfter(1.5)))).toEqual([])
      expect(ids(yield* claimOf(store, kind, "w", hoursAfter(2)))).toEqual([first.id])
      yield* store.complete(first.id, "w", { now: hoursAfter(2) })
      expect(ids(yield* claimOf(store, kind, "w", hoursAfter(2)))).toEqual([second.id])
    }))

  it.effect("lists jobs newest first, by organisation, kind and state", () =>
    Effect.gen(function*() {
      const store = yield* JobStore
      const kind = uniqueId("kind")
      const org = uniqueId("org") as OrganisationId
      const a = yield* store.enqueue(newJob(kind, { organisationId: org }))
      const b = yield* store.enqueue(newJob(kind, { organisationId: org }))
      yield* store.enqueue(newJob(kind))
      expect((yield* store.list({ organisationId: org }, 10)).map((job) => job.id)).toEqual([b.id, a.id])
      expect(yield* store.list({ kind }, 10)).toHaveLength(3)
      expect(yield* store.list({ kind }, 2)).toHaveLength(2)
      yield* claimOf(store, kind, "w", t0, 1)
      expect((yield* store.list({ kind, state: "running" }, 10)).map((job) => job.id)).toEqual([a.id])
    }))
}
