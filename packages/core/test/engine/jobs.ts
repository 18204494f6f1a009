import type { Engine, IdGenerator, Stores } from "@badge-engine/core"
import {
  BackfillJob,
  Definitions,
  JobHandler,
  Jobs,
  JobStore,
  JobWorker,
  type OrganisationId
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { define, heldBy, record, setup, uniqueId } from "./support.js"
import { eventually } from "./waiting.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores | IdGenerator>

/** A worker for this test only: short leases, quick polls. */
const fastWorker = { enabled: true, lease: "1 second", pollInterval: "50 millis", concurrency: 4 } as const

const backfillJobs = (organisationId: OrganisationId) =>
  Effect.flatMap(Jobs.Jobs, (jobs) => jobs.list({ organisationId, kind: BackfillJob.kind }))

/** Scenarios of durable background work, with no worker running but the one a test starts. */
export const jobs = (it: It) => {
  it.effect("a rule created or changed enqueues its backfill with the rule's write; a refused change enqueues none", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const definitions = yield* Definitions.Definitions
      const def = yield* define(org.id, { name: "One session", rule: { type: "session_count", threshold: 1 } })
      yield* define(org.id, { name: "By hand" })
      const queued = yield* backfillJobs(org.id)
      expect(queued.map((job) => [job.state, job.payload])).toEqual([
        ["queued", { definitionId: def.id, ruleVersion: def.ruleVersion }]
      ])
      yield* definitions.update(def.id, { name: "Renamed" })
      expect(yield* backfillJobs(org.id)).toHaveLength(1)
      const refused = yield* Effect.flip(
        definitions.update(def.id, { rule: { type: "session_count", threshold: 2 }, issuerId: "no-such-issuer" })
      )
      expect(refused).toMatchObject({ _tag: "InvalidInput", field: "issuerId" })
      expect(yield* backfillJobs(org.id)).toHaveLength(1)
      const changed = yield* definitions.update(def.id, { rule: { type: "session_count", threshold: 2 } })
      const after = yield* backfillJobs(org.id)
      expect(after.map((job) => job.payload)).toEqual([
        { definitionId: def.id, ruleVersion: changed.definition.ruleVersion },
        { definitionId: def.id, ruleVersion: def.ruleVersion }
      ])
    }))

  it.effect("a backfill whose worker died is taken over when its lease expires and resumes from its saved cursor", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      for (const recipient of ["pm-a", "pm-b", "pm-c", "pm-d"]) {
        yield* record(org.id, recipient, "session_completed", "2026-03-01T12:00:00Z")
      }
      const def = yield* define(org.id, { name: "One session", rule: { type: "session_count", threshold: 1 } })
      const store = yield* JobStore
      const [job] = yield* backfillJobs(org.id)
      // A worker claimed it, did the first two recipients, saved its cursor, and died.
      const now = yield* DateTime.now
      const [claimed] = yield* store.claim({
        worker: "dead-worker",
        kinds: [BackfillJob.kind],
        now: DateTime.add(now, { days: 1000 }),
        leaseUntil: now,
        limit: 100
      }).pipe(Effect.map((jobs) => jobs.filter((j) => j.id === job!.id)))
      expect(claimed?.id).toBe(job!.id)
      yield* store.heartbeat(job!.id, "dead-worker", {
        now,
        leaseUntil: now,
        progress: { done: 2, total: 4, awarded: 0, cursor: "pm-b" }
      })
      const handler = yield* BackfillJob.handler
      yield* JobWorker.run([handler]).pipe(
        Effect.provideService(JobWorker.Settings, fastWorker),
        Effect.scoped,
        Effect.fork
      )
      const jobs = yield* Jobs.Jobs
      const done = yield* eventually(jobs.get(job!.id), (j) => j.state === "succeeded")
      expect(done).toMatchObject({ state: "succeeded", attempts: 2, progress: { done: 4, total: 4, awarded: 2 } })
      // It resumed after pm-b: the two before the cursor were the dead worker's to award.
      expect(yield* heldBy(org.id, "pm-a")).toEqual([])
      expect(yield* heldBy(org.id, "pm-c")).toEqual([def.id])
      expect(yield* heldBy(org.id, "pm-d")).toEqual([def.id])
    }))

  it.effect("a failed run keeps its error and is retried with backoff; a job out of retries fails for good", () =>
    Effect.gen(function*() {
      const jobs = yield* Jobs.Jobs
      const kind = uniqueId("flaky").toLowerCase()
      let runs = 0
      const flaky: JobHandler.JobHandler = {
        kind,
        retryAfter: JobHandler.exponential({ base: "50 millis", max: "1 second", attempts: 5 }),
        run: (job) =>
          Effect.suspend(() =>
            (job.payload as { readonly fail: number }).fail > runs++
              ? Effect.fail(new JobHandler.JobFailed({ message: `boom ${runs}` }))
              : Effect.succeed({ ran: runs })
          )
      }
      const recovers = yield* jobs.enqueue({ kind, payload: { fail: 2 } })
      yield* JobWorker.run([flaky]).pipe(
        Effect.provideService(JobWorker.Settings, fastWorker),
        Effect.scoped,
        Effect.fork
      )
      const recovered = yield* eventually(jobs.get(recovers.id), (j) => j.state === "succeeded")
      expect(recovered).toMatchObject({ state: "succeeded", attempts: 3, lastError: "boom 2", progress: { ran: 3 } })
      runs = 0
      const hopeless = yield* jobs.enqueue({ kind, payload: { fail: 100 } })
      yield* jobs.wake
      const failed = yield* eventually(jobs.get(hopeless.id), (j) => j.state === "failed")
      expect(failed).toMatchObject({ state: "failed", attempts: 5, lastError: "boom 5" })
      expect(failed.finishedAt).toBeDefined()
    }))
}
