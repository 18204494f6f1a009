/**
 * The jobs port over `SqlClient`. A claim is one statement: on Postgres its candidates are locked with `FOR UPDATE
 * SKIP LOCKED`, so workers claiming at once take different jobs; SQLite has one writer. Every change to a running
 * job is conditional on the worker still holding its lease.
 *
 * @since 0.1.0
 */
import { Job, type JobId, JobStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { timestamp, trusted } from "./internal/codecs.js"
import { JobRow } from "./internal/jobRows.js"
import { all, decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<JobStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const job = decoder(JobRow)
  const row = encoder(JobRow)
  const skipLocked = sql.onDialectOrElse({
    pg: () => sql.literal("FOR UPDATE SKIP LOCKED"),
    orElse: () => sql.literal("")
  })
  const json = (value: unknown) => value === undefined ? null : JSON.stringify(value)

  const get = (id: JobId) => sql`SELECT * FROM ${sql(t.jobs)} WHERE id = ${id}`.pipe(first("getJob", job))

  return JobStore.of({
    enqueue: Effect.fn("JobStore.enqueue")(function*(value) {
      const fields = row(new Job({ ...value, state: "queued", attempts: 0, updatedAt: value.createdAt }, trusted))
      const made = yield* sql`INSERT INTO ${sql(t.jobs)} ${sql.insert(fields)} ON CONFLICT DO NOTHING RETURNING *`
        .pipe(first("enqueueJob", job))
      if (Option.isSome(made)) return made.value
      // Only a unique key can conflict: the job already holding it is the one enqueued.
      const held = yield* sql`SELECT * FROM ${sql(t.jobs)} WHERE unique_key = ${value.uniqueKey ?? null}`.pipe(
        first("enqueueJob", job)
      )
      return Option.getOrThrowWith(held, () => new Error("a job conflicted without a unique key"))
    }),

    claim: ({ kinds, leaseUntil, limit, now, worker }) =>
      kinds.length === 0 || limit <= 0 ? Effect.succeed([]) : sql`UPDATE ${sql(t.jobs)}
        SET state = 'running', lease_owner = ${worker}, lease_expires_at = ${timestamp(leaseUntil)},
          attempts = attempts + 1, updated_at = ${timestamp(now)}
        WHERE seq IN (
          SELECT j.seq FROM ${sql(t.jobs)} j
          WHERE j.kind IN ${sql.in(kinds)}
            AND ((j.state = 'queued' AND j.run_at <= ${timestamp(now)})
              OR (j.state = 'running' AND j.lease_expires_at <= ${timestamp(now)}))
            AND (j.ordering_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM ${sql(t.jobs)} e
              WHERE e.ordering_key = j.ordering_key AND e.seq < j.seq AND e.state IN ('queued', 'running')))
          ORDER BY j.run_at, j.seq
          LIMIT ${limit}
          ${skipLocked})
        RETURNING *`.pipe(
        all("claimJobs", job),
        Effect.map((jobs) => [...jobs].sort((a, b) => a.runAt.epochMillis - b.runAt.epochMillis))
      ),

    heartbeat: (id, worker, { leaseUntil, now, progress }) =>
      sql`UPDATE ${sql(t.jobs)} SET lease_expires_at = ${timestamp(leaseUntil)}, updated_at = ${timestamp(now)},
          progress = ${progress === undefined ? sql.literal("progress") : json(progress)}
        WHERE id = ${id} AND state = 'running' AND lease_owner = ${worker} RETURNING id`.pipe(
        all("heartbeatJob", (r) => r),
        Effect.map((rows) => rows.length > 0)
      ),

    complete: (id, worker, { now, progress }) =>
      sql`UPDATE ${sql(t.jobs)} SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL,
          updated_at = ${timestamp(now)}, finished_at = ${timestamp(now)},
          progress = ${progress === undefined ? sql.literal("progress") : json(progress)}
        WHERE id = ${id} AND state = 'running' AND lease_owner = ${worker} RETURNING id`.pipe(
        all("completeJob", (r) => r),
        Effect.map((rows) => rows.length > 0)
      ),

    fail: (id, worker, { error, now, retryAt }) =>
      (retryAt === undefined
        ? sql`UPDATE ${sql(t.jobs)} SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL,
            last_error = ${error}, updated_at = ${timestamp(now)}, finished_at = ${timestamp(now)}
          WHERE id = ${id} AND state = 'running' AND lease_owner = ${worker} RETURNING id`
        : sql`UPDATE ${sql(t.jobs)} SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
            last_error = ${error}, run_at = ${timestamp(retryAt)}, updated_at = ${timestamp(now)}
          WHERE id = ${id} AND state = 'running' AND lease_owner = ${worker} RETURNING id`).pipe(
          all("failJob", (r) => r),
          Effect.map((rows) => rows.length > 0)
        ),

    get,

    list: (filter, limit) =>
      sql`SELECT * FROM ${sql(t.jobs)} WHERE ${
        sql.and([
          ...(filter.organisationId !== undefined ? [sql`organisation_id = ${filter.organisationId}`] : []),
          ...(filter.kind !== undefined ? [sql`kind = ${filter.kind}`] : []),
          ...(filter.state !== undefined ? [sql`state = ${filter.state}`] : [])
        ])
      } ORDER BY seq DESC LIMIT ${limit}`.pipe(all("listJobs", job))
  })
})

/** The jobs port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<JobStore, never, SqlClient.SqlClient> = Layer.effect(JobStore, make)
