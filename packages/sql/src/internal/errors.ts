/**
 * Driver errors to the port's errors.
 */
import { Conflict, StoreError } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schedule } from "effect"

/** Whether a driver error is a unique-constraint violation (Postgres 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export const isUniqueViolation = (error: SqlError): boolean => {
  const cause = error.cause as { readonly code?: unknown } | undefined
  return cause?.code === "23505" || cause?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    cause?.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
}

/** Whether a driver error is a foreign-key violation (Postgres 23503, SQLite SQLITE_CONSTRAINT_FOREIGNKEY). */
export const isForeignKeyViolation = (error: SqlError): boolean => {
  const cause = error.cause as { readonly code?: unknown } | undefined
  return cause?.code === "23503" || cause?.code === "SQLITE_CONSTRAINT_FOREIGNKEY"
}

/** Turns the driver's errors into the port's `StoreError`, naming the operation. */
export const storeError = (operation: string) => (cause: SqlError): StoreError => new StoreError({ operation, cause })

/** Like {@link storeError}, but a unique violation becomes a `Conflict` with the reason given. */
export const conflictOr =
  (operation: string, entity: string, reason: string) =>
  <A, R>(effect: Effect.Effect<A, SqlError, R>): Effect.Effect<A, Conflict | StoreError, R> =>
    Effect.mapError(
      effect,
      (cause) => isUniqueViolation(cause) ? new Conflict({ entity, reason }) : new StoreError({ operation, cause })
    )

/**
 * Whether a failure is the database giving up one transaction to let others go on (Postgres 40P01 deadlock, 40001
 * serialization failure), as the driver's error or as a store's `StoreError` around it: run again, it succeeds.
 */
export const isRetryable = (error: unknown): boolean => {
  const sqlError = error instanceof SqlError ? error : error instanceof StoreError ? error.cause : undefined
  const code = sqlError instanceof SqlError
    ? (sqlError.cause as { readonly code?: unknown } | undefined)?.code
    : undefined
  return code === "40P01" || code === "40001"
}

/** Two transactions that lock the same rows in other orders: the one the database gives up goes again, jittered. */
const againAfterDeadlock = Schedule.exponential("20 millis").pipe(
  Schedule.jittered,
  Schedule.intersect(Schedule.recurs(4))
)

/**
 * Runs `effect` in a transaction of `sql`; a failure to begin or commit becomes a `StoreError`. An outermost
 * transaction the database gave up (a deadlock) runs again from the start, up to four times: everything it did was
 * rolled back, and nothing outside the database sees a transaction before it commits.
 */
export const inTransaction =
  (sql: SqlClient.SqlClient, operation: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError, R> => {
    const once = sql.withTransaction(effect).pipe(
      Effect.catchIf((error): error is SqlError => error instanceof SqlError, storeError(operation))
    ) as Effect.Effect<A, E | StoreError, R>
    return Effect.flatMap(
      Effect.serviceOption(SqlClient.TransactionConnection),
      (outer) => Option.isSome(outer) ? once : Effect.retry(once, { schedule: againAfterDeadlock, while: isRetryable })
    )
  }

/**
 * Runs `effect` atomically: inside the caller's transaction when there is one (no savepoint: the caller's commit
 * or rollback covers it), else in a transaction of its own. For writes whose statements cannot fail halfway on a
 * conflict, so they never need rolling back on their own.
 */
export const atomically =
  (sql: SqlClient.SqlClient, operation: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StoreError, R> =>
    Effect.flatMap(
      Effect.serviceOption(SqlClient.TransactionConnection),
      (outer) => Option.isSome(outer) ? effect : inTransaction(sql, operation)(effect)
    )
