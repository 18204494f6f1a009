/**
 * The prefix of every table and index the engine makes, so that a host app's database never holds an engine table
 * under a name of its own (as Effect's cluster prefixes its tables).
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"

/** The prefix used unless a store layer is given another. */
export const defaultPrefix = "badge_engine_"

/** The table prefix in force: stores and migrations read it from context; `badge_engine_` when none is given. */
export class TablePrefix extends Context.Reference<TablePrefix>()("@badge-engine/sql/TablePrefix", {
  defaultValue: (): string => defaultPrefix
}) {}

/** Whether a prefix is safe to splice into DDL: empty, or lowercase letters, digits and underscores. */
export const isValid = (prefix: string): boolean => /^(?:[a-z_][a-z0-9_]*)?$/.test(prefix)

/** Sets the table prefix for the stores and migrations built with it. */
export const layer = (prefix: string): Layer.Layer<never> => Layer.succeed(TablePrefix, prefix)

/**
 * The tables of the schema before the prefix, by the name they had without one: what migration 0004 renames. Tables
 * made since are made under the prefix.
 */
export const unprefixed = [
  "organisations",
  "issuers",
  "programs",
  "badge_definitions",
  "activities",
  "activity_days",
  "recipients",
  "awards",
  "grants",
  "claim_codes",
  "api_keys"
] as const

/** The names of the engine's tables under a prefix. */
export interface Tables {
  readonly organisations: string
  readonly issuers: string
  readonly programs: string
  readonly definitions: string
  readonly activities: string
  readonly activityDays: string
  readonly recipients: string
  readonly awards: string
  /** Live awards per definition and bucket of serials, for deep pages (migration 0016). */
  readonly awardBuckets: string
  readonly grants: string
  readonly claimCodes: string
  readonly apiKeys: string
  readonly serverSecrets: string
  readonly images: string
  readonly badgekitKeys: string
  readonly issuerKeys: string
  readonly jobs: string
  readonly outbox: string
  readonly outboxConsumers: string
  readonly webhookEndpoints: string
  readonly webhookAttempts: string
  /** Where the migrator records what ran. */
  readonly migrations: string
}

/** The table names under `prefix`. */
export const tables = (prefix: string): Tables => ({
  organisations: `${prefix}organisations`,
  issuers: `${prefix}issuers`,
  programs: `${prefix}programs`,
  definitions: `${prefix}badge_definitions`,
  activities: `${prefix}activities`,
  activityDays: `${prefix}activity_days`,
  recipients: `${prefix}recipients`,
  awards: `${prefix}awards`,
  awardBuckets: `${prefix}award_buckets`,
  grants: `${prefix}grants`,
  claimCodes: `${prefix}claim_codes`,
  apiKeys: `${prefix}api_keys`,
  serverSecrets: `${prefix}server_secrets`,
  images: `${prefix}images`,
  badgekitKeys: `${prefix}badgekit_keys`,
  issuerKeys: `${prefix}issuer_keys`,
  jobs: `${prefix}jobs`,
  outbox: `${prefix}outbox`,
  outboxConsumers: `${prefix}outbox_consumers`,
  webhookEndpoints: `${prefix}webhook_endpoints`,
  webhookAttempts: `${prefix}webhook_attempts`,
  migrations: `${prefix}migrations`
})
