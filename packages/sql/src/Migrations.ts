/**
 * The schema's migrations, run with our own table (`${prefix}migrations`) so a host app's migrations never collide.
 * Every migration reads the `TablePrefix` in force and makes its tables and indexes under it.
 *
 * @since 0.1.0
 */
import { Migrator, SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Schedule } from "effect"
import initial from "./migrations/0001_initial.js"
import awardsListing from "./migrations/0002_awards_listing.js"
import rowVersions from "./migrations/0003_row_versions.js"
import tablePrefix from "./migrations/0004_table_prefix.js"
import oneOpenGrant from "./migrations/0005_one_open_grant.js"
import serverSecrets from "./migrations/0006_server_secrets.js"
import grantSerials from "./migrations/0007_grant_serials.js"
import apiKeyScopes from "./migrations/0008_api_key_scopes.js"
import images from "./migrations/0009_images.js"
import badgekit from "./migrations/0010_badgekit.js"
import jobsOutboxWebhooks from "./migrations/0011_jobs_outbox_webhooks.js"
import issuerKeys from "./migrations/0012_issuer_keys.js"
import awardsExpired from "./migrations/0013_awards_expired.js"
import ruleProblems from "./migrations/0014_rule_problems.js"
import awardsExpiredUnreported from "./migrations/0015_awards_expired_unreported.js"
import awardBuckets from "./migrations/0016_award_buckets.js"
import { TablePrefix, tables } from "./TablePrefix.js"

const all = {
  "0001_initial": initial,
  "0002_awards_listing": awardsListing,
  "0003_row_versions": rowVersions,
  "0004_table_prefix": tablePrefix,
  "0005_one_open_grant": oneOpenGrant,
  "0006_server_secrets": serverSecrets,
  "0007_grant_serials": grantSerials,
  "0008_api_key_scopes": apiKeyScopes,
  "0009_images": images,
  "0010_badgekit": badgekit,
  "0011_jobs_outbox_webhooks": jobsOutboxWebhooks,
  "0012_issuer_keys": issuerKeys,
  "0013_awards_expired": awardsExpired,
  "0014_rule_problems": ruleProblems,
  "0015_awards_expired_unreported": awardsExpiredUnreported,
  "0016_award_buckets": awardBuckets
}

/** Every migration, by `NNNN_name`. */
export const migrations = Migrator.fromRecord(all)

/** The id of the newest migration. */
export const latest = Math.max(...Object.keys(all).map((key) => Number(key.slice(0, 4))))

/** The table that records which migrations ran, under a prefix: `badge_engine_migrations` by default. */
export const migrationsTable = (prefix: string): string => tables(prefix).migrations

const run = Migrator.make({})

const current = (table: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly latest: unknown }>`SELECT max(migration_id) AS latest FROM ${sql(table)}`
    return Number(rows[0]?.latest ?? 0)
  })

/**
 * Brings the schema under the `TablePrefix` in force up to date. Another process migrating at the same time makes
 * the migrator return without running anything, so this waits until the newest migration is recorded.
 */
export const migrate: Effect.Effect<void, Migrator.MigrationError | SqlError, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const table = migrationsTable(yield* TablePrefix)
    return yield* run({ loader: migrations, table }).pipe(
      Effect.zipRight(current(table)),
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
  }
)
