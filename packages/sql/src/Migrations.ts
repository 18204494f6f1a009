/**
 * The schema's migrations, run with our own table so a host app's migrations never collide.
 *
 * @since 0.1.0
 */
import { Migrator, SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Schedule } from "effect"
import initial from "./migrations/0001_initial.js"
import awardsListing from "./migrations/0002_awards_listing.js"
import rowVersions from "./migrations/0003_row_versions.js"

/** The table that records which migrations ran. */
export const migrationsTable = "badge_engine_migrations"

const all = {
  "0001_initial": initial,
  "0002_awards_listing": awardsListing,
  "0003_row_versions": rowVersions
}

/** Every migration, by `NNNN_name`. */
export const migrations = Migrator.fromRecord(all)

/** The id of the newest migration. */
export const latest = Math.max(...Object.keys(all).map((key) => Number(key.slice(0, 4))))

const run = Migrator.make({})({ loader: migrations, table: migrationsTable })

const current = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql<{ readonly latest: unknown }>`SELECT max(migration_id) AS latest FROM ${sql(migrationsTable)}`
  return Number(rows[0]?.latest ?? 0)
})

/**
 * Brings the schema up to date. Another process migrating at the same time makes the migrator return
 * without running anything, so this waits until the newest migration is recorded.
 */
export const migrate: Effect.Effect<void, Migrator.MigrationError | SqlError, SqlClient.SqlClient> = run.pipe(
  Effect.zipRight(current),
  Effect.filterOrFail(
    (id) => id >= latest,
    () => new Migrator.MigrationError({ reason: "locked", message: "migrating elsewhere" })
  ),
  Effect.retry({
    while: (error) => error._tag === "MigrationError" && error.reason === "locked",
    schedule: Schedule.spaced("100 millis"),
    times: 300
  }),
  // Processes starting together on an empty database race to create the migrations table: the loser's CREATE
  // fails, and its next try finds the table.
  Effect.retry({
    while: (error) => error._tag === "SqlError",
    schedule: Schedule.spaced("200 millis"),
    times: 5
  }),
  Effect.asVoid
)
