/**
 * The backfill as a durable job: enqueued with the rule write that calls for it, run by any process's worker, its
 * cursor saved after every batch so a run taken over after a crash resumes there. A run for a rule version that is
 * no longer the definition's ends at once: the newer version's job follows it (they share an ordering key).
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Stream } from "effect"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import { BadgeDefinitionId } from "../Ids.js"
import { exponential, JobFailed, type JobHandler } from "../jobs/JobHandler.js"
import type { JobRequest } from "../jobs/Jobs.js"
import { Backfill } from "./Backfill.js"

/** The kind of backfill jobs. */
export const kind = "backfill"

/** What a backfill job is for: a definition at a rule version. */
export const Payload = Schema.Struct({ definitionId: BadgeDefinitionId, ruleVersion: Schema.Int })

/** Where a backfill job is: saved after each batch. */
export const Progress = Schema.Struct({
  done: Schema.Int,
  total: Schema.Int,
  awarded: Schema.Int,
  cursor: Schema.optional(Schema.String),
  /** Set when the run found its rule version replaced (or the definition gone) and did nothing. */
  superseded: Schema.optional(Schema.Boolean)
})
/** @since 0.1.0 */
export type Progress = typeof Progress.Type

/** The job that backfills a definition's current rule. */
export const request = (definition: BadgeDefinition): JobRequest => ({
  kind,
  payload: Schema.encodeSync(Payload)({ definitionId: definition.id, ruleVersion: definition.ruleVersion }),
  organisationId: definition.organisationId,
  orderingKey: `backfill:${definition.id}`
})

const decodePayload = Schema.decodeUnknownOption(Payload)
const decodeProgress = Schema.decodeUnknownOption(Progress)

/** The handler: runs the backfill from the saved cursor, saving it per batch; retried with backoff up to 10 runs. */
export const handler: Effect.Effect<JobHandler, never, Backfill | DefinitionStore> = Effect.gen(function*() {
  const backfill = yield* Backfill
  const definitions = yield* DefinitionStore
  return {
    kind,
    retryAfter: exponential({ base: "5 seconds", max: "10 minutes", attempts: 10 }),
    run: (job, save) =>
      Effect.gen(function*() {
        const payload = decodePayload(job.payload)
        if (Option.isNone(payload)) return yield* new JobFailed({ message: "the job's payload is not a backfill's" })
        const { definitionId, ruleVersion } = payload.value
        const found = yield* definitions.get(definitionId)
        const definition = Option.getOrUndefined(found)
        if (definition === undefined || definition.deletedAt !== undefined || definition.ruleVersion !== ruleVersion) {
          return { done: 0, total: 0, awarded: 0, superseded: true } satisfies Progress
        }
        const saved = Option.getOrUndefined(decodeProgress(job.progress))
        let last: Progress = saved ?? { done: 0, total: 0, awarded: 0 }
        const awardedBefore = last.awarded
        yield* backfill.run(definitionId, { after: saved?.cursor, done: saved?.done }).pipe(
          Stream.runForEach((step) => {
            last = {
              done: step.done,
              total: step.total,
              awarded: awardedBefore + step.awarded,
              ...(step.cursor !== undefined ? { cursor: step.cursor } : {})
            }
            return save(last)
          })
        )
        return last
      }).pipe(
        Effect.catchTags({
          StoreError: (error) => new JobFailed({ message: `storage: ${error.operation}` }),
          NotFound: () => Effect.succeed({ done: 0, total: 0, awarded: 0, superseded: true }),
          Forbidden: (error) => new JobFailed({ message: error.reason }),
          EvaluationError: (error) => new JobFailed({ message: `evaluation: ${error.message}` })
        })
      )
  }
})
