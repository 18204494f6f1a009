/**
 * For adapters' test suites: a database as the release before the table prefix made it, and grants as they were
 * before accept keys were derived, so the upgrades can be tested on every dialect.
 *
 * @since 0.1.0
 */
import {
  AwardStore,
  type BadgeDefinitionId,
  type GrantId,
  GrantStore,
  type OrganisationId,
  type StoreError
} from "@badge-engine/core"
import { Migrator, SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { DateTime, Effect, Option } from "effect"
import { migrations, migrationsTable } from "./Migrations.js"
import { TablePrefix } from "./TablePrefix.js"

/** The migrations table of the previous release, which the default prefix keeps. */
export const previousMigrationsTable = "badge_engine_migrations"

/**
 * Runs migrations 0001–0003 as the previous release did: with an empty prefix they are its statements, and they
 * are recorded in `badge_engine_migrations`.
 */
export const migrateAsPreviousRelease: Effect.Effect<
  ReadonlyArray<readonly [number, string]>,
  Migrator.MigrationError | SqlError,
  SqlClient.SqlClient
> = Migrator.make({})({
  loader: Effect.map(migrations, (all) => all.filter(([id]) => id <= 3)),
  table: previousMigrationsTable
}).pipe(Effect.provideService(TablePrefix, ""))

/** The ids of the records {@link insertPreviousReleaseRecords} makes. */
export const previousRecords = {
  organisationId: "org-before-prefix",
  definitionId: "bdg-before-prefix",
  activityId: "act-before-prefix",
  awardId: "award-before-prefix",
  recipientId: "pm-1",
  day: "2026-03-01",
  at: "2026-03-01T10:00:00.000Z"
} as const

/**
 * Inserts an organisation, a definition (unique, `maxAwards` 2, one award made), an activity with its aggregates
 * and an award into the previous release's unprefixed tables, with raw SQL.
 */
export const insertPreviousReleaseRecords: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = yield* SqlClient.SqlClient
    const r = previousRecords
    yield* sql.unsafe(
      `INSERT INTO organisations (id, slug, name, timezone, created_at, updated_at)
       VALUES ('${r.organisationId}', 'before-prefix', 'Before the prefix', 'Europe/Oslo', '${r.at}', '${r.at}')`
    )
    yield* sql.unsafe(
      `INSERT INTO badge_definitions (id, organisation_id, slug, name, description, rule, rule_version, criteria,
         categories, tags, milestones, is_certificate, max_awards, is_unique, issued_count, created_at, updated_at)
       VALUES ('${r.definitionId}', '${r.organisationId}', 'first-session', 'First Session', '',
         '{"type":"session_count","threshold":1}', 1, '[]', '[]', '[]', '[]', 0, 2, 1, 1, '${r.at}', '${r.at}')`
    )
    yield* sql.unsafe(
      `INSERT INTO activities (id, organisation_id, recipient_id, type, occurred_at, recorded_at)
       VALUES ('${r.activityId}', '${r.organisationId}', '${r.recipientId}', 'session_completed', '${r.at}', '${r.at}')`
    )
    yield* sql.unsafe(
      `INSERT INTO activity_days (organisation_id, recipient_id, type, day, count)
       VALUES ('${r.organisationId}', '${r.recipientId}', 'session_completed', '${r.day}', 1)`
    )
    yield* sql.unsafe(
      `INSERT INTO recipients (organisation_id, recipient_id, first_seen_at)
       VALUES ('${r.organisationId}', '${r.recipientId}', '${r.at}')`
    )
    yield* sql.unsafe(
      `INSERT INTO awards (id, organisation_id, definition_id, recipient_kind, recipient_value, recipient_key,
         awarded_at, awarded_by, source, evidence, rule_version, activity_id, unique_slot, once_key)
       VALUES ('${r.awardId}', '${r.organisationId}', '${r.definitionId}', 'id', '${r.recipientId}',
         'id:${r.recipientId}', '${r.at}', 'system', 'rule', '[]', 1, '${r.activityId}', 'id:${r.recipientId}',
         'rule:${r.definitionId}:id:${r.recipientId}')`
    )
  }
)

/** Runs the migrations up to `last`, under the prefix in force, as a release that stopped there did. */
export const migrateUpTo = (last: number): Effect.Effect<
  ReadonlyArray<readonly [number, string]>,
  Migrator.MigrationError | SqlError,
  SqlClient.SqlClient
> =>
  Effect.flatMap(TablePrefix, (prefix) =>
    Migrator.make({})({
      loader: Effect.map(migrations, (all) => all.filter(([id]) => id <= last)),
      table: migrationsTable(prefix)
    }))

/** The grants {@link insertGrantsWithAcceptKeys} makes, each with the accept key stored before migration 0006. */
export const grantsWithAcceptKeys = [
  { id: "grant-before-secrets-1", acceptKey: "plain-accept-key-1" },
  { id: "grant-before-secrets-2", acceptKey: "plain-accept-key-2" }
] as const

/**
 * Inserts an organisation, a definition and two pending grants with plain accept keys into the tables under the
 * prefix in force, with raw SQL, as the schema stood before migration 0006.
 */
export const insertGrantsWithAcceptKeys: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = yield* SqlClient.SqlClient
    const p = yield* TablePrefix
    const at = previousRecords.at
    yield* sql.unsafe(
      `INSERT INTO ${p}organisations (id, slug, name, timezone, created_at, updated_at)
       VALUES ('org-before-secrets', 'before-secrets', 'Before secrets', 'UTC', '${at}', '${at}')`
    )
    yield* sql.unsafe(
      `INSERT INTO ${p}badge_definitions (id, organisation_id, slug, name, description, rule_version, criteria,
         categories, tags, milestones, is_certificate, is_unique, issued_count, created_at, updated_at)
       VALUES ('bdg-before-secrets', 'org-before-secrets', 'speaker', 'Speaker', '', 1, '[]', '[]', '[]', '[]', 0, 1,
         0, '${at}', '${at}')`
    )
    for (const [i, grant] of grantsWithAcceptKeys.entries()) {
      yield* sql.unsafe(
        `INSERT INTO ${p}grants (id, organisation_id, definition_id, recipient_key, email, status, accept_key,
           created_at, updated_at)
         VALUES ('${grant.id}', 'org-before-secrets', 'bdg-before-secrets', 'email:p${i}@example.org',
           'p${i}@example.org', 'pending', '${grant.acceptKey}', '${at}', '${at}')`
      )
    }
  }
)

/** What the `accept_key` column holds for the grants {@link insertGrantsWithAcceptKeys} made, by grant id. */
export const storedAcceptKeys: Effect.Effect<ReadonlyArray<readonly [string, string]>, SqlError, SqlClient.SqlClient> =
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly id: string; readonly accept_key: string }>`SELECT id, accept_key
      FROM ${sql(`${yield* TablePrefix}grants`)} WHERE organisation_id = 'org-before-secrets' ORDER BY id`
    return rows.map((row) => [row.id, row.accept_key] as const)
  })

/**
 * The serials of the grants {@link insertGrantsWithAcceptKeys} made, read once the store is migrated, and the serial
 * of a grant stored after them: migration 0007 numbers old grants, new ones come later.
 */
export const grantSerialsAfterUpgrade: Effect.Effect<
  { readonly before: ReadonlyArray<number>; readonly added: number },
  StoreError,
  GrantStore
> = Effect.gen(function*() {
  const store = yield* GrantStore
  const before = yield* Effect.forEach(
    grantsWithAcceptKeys,
    ({ id }) => Effect.map(store.get(id as GrantId), (grant) => Option.getOrThrow(grant))
  )
  const { serial: _, ...fields } = before[0]!
  const added = yield* store.create({ ...fields, id: "grant-after-serials" as GrantId, email: "new@example.org" })
  return { before: before.map((grant) => grant.serial), added: added.grant.serial }
})

/** The records {@link insertAwardsBeforeBuckets} makes, and instants to list them at once migrated. */
export const awardsBeforeBuckets = {
  organisationId: "org-before-buckets",
  definitionIds: ["bdg-before-buckets-1", "bdg-before-buckets-2"],
  neighbourId: "org-beside-buckets",
  neighbourDefinitionId: "bdg-beside-buckets",
  count: 3_500,
  listedAt: [
    "2026-03-01T14:00:00.000Z",
    "2026-03-02T10:00:00.000Z",
    "2026-03-05T11:00:00.000Z",
    "2026-03-05T12:00:00.000Z",
    "2026-03-06T00:00:00.000Z",
    "2026-03-10T00:00:00.000Z"
  ]
} as const

/** The state the `i`th award of {@link insertAwardsBeforeBuckets} is stored in. */
const awardBeforeBuckets = (i: number) => {
  const b = awardsBeforeBuckets
  const [organisationId, definitionId] = i % 7 === 3
    ? [b.neighbourId, b.neighbourDefinitionId]
    : [b.organisationId, b.definitionIds[i % 3 === 0 ? 1 : 0]!]
  const expiresAt = i % 5 === 1 ? "2026-03-01T12:00:00.000Z" : i % 5 === 2 ? "2026-03-05T12:00:00.000Z" : undefined
  return {
    organisationId,
    definitionId,
    expiresAt,
    revokedAt: i % 13 === 0 ? "2026-03-01T11:00:00.000Z" : undefined,
    // The expiry job ran at 13:00 on the first day and reported half the awards expired by then.
    reportedAt: i % 5 === 1 && i % 2 === 0 && i % 13 !== 0 ? "2026-03-01T13:00:00.000Z" : undefined
  }
}

/**
 * Inserts two organisations and awards of three definitions, interleaved in serial order, into the tables under the
 * prefix in force, with raw SQL as the schema stood before migration 0016: some revoked, some expiring on the first
 * day (half of them reported) or on the fifth, and each definition's `issued_count` as the store keeps it.
 */
export const insertAwardsBeforeBuckets: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.gen(
  function*() {
    const sql = yield* SqlClient.SqlClient
    const p = yield* TablePrefix
    const b = awardsBeforeBuckets
    const at = previousRecords.at
    const literal = (value: string | undefined) => value === undefined ? "NULL" : `'${value}'`
    for (
      const [organisationId, definitionIds] of [[b.organisationId, b.definitionIds], [b.neighbourId, [
        b.neighbourDefinitionId
      ]]] as const
    ) {
      yield* sql.unsafe(
        `INSERT INTO ${p}organisations (id, slug, name, timezone, created_at, updated_at)
         VALUES ('${organisationId}', '${organisationId}', 'Before buckets', 'UTC', '${at}', '${at}')`
      )
      for (const definitionId of definitionIds) {
        yield* sql.unsafe(
          `INSERT INTO ${p}badge_definitions (id, organisation_id, slug, name, description, rule_version, criteria,
             categories, tags, milestones, is_certificate, is_unique, issued_count, created_at, updated_at)
           VALUES ('${definitionId}', '${organisationId}', '${definitionId}', 'Speaker', '', 1, '[]', '[]', '[]', '[]',
             0, 0, 0, '${at}', '${at}')`
        )
      }
    }
    for (let start = 0; start < b.count; start += 500) {
      const values = Array.from({ length: Math.min(500, b.count - start) }, (_, k) => {
        const i = start + k
        const award = awardBeforeBuckets(i)
        return `('award-before-buckets-${i}', '${award.organisationId}', '${award.definitionId}', 'id', 'pm-${i}',
          'id:pm-${i}', '${at}', 'system', 'manual', '[]', ${literal(award.expiresAt)}, ${literal(award.revokedAt)},
          ${literal(award.reportedAt)})`
      })
      yield* sql.unsafe(
        `INSERT INTO ${p}awards (id, organisation_id, definition_id, recipient_kind, recipient_value, recipient_key,
           awarded_at, awarded_by, source, evidence, expires_at, revoked_at, expiry_reported_at)
         VALUES ${values.join(", ")}`
      )
    }
    yield* sql.unsafe(
      `UPDATE ${p}badge_definitions SET issued_count = (SELECT count(*) FROM ${p}awards a
         WHERE a.definition_id = ${p}badge_definitions.id AND a.revoked_at IS NULL AND a.expiry_reported_at IS NULL)`
    )
  }
)

/**
 * The organisation of {@link insertAwardsBeforeBuckets} listed at a page, oldest or newest first, by the store once
 * migrated, and through a filter its counts do not serve: the two must be the same.
 */
export const listedBeforeBuckets = (
  page: number,
  limit: number,
  newestFirst: boolean,
  at: string
): Effect.Effect<
  { readonly listed: Listed; readonly plain: Listed },
  StoreError,
  AwardStore
> =>
  Effect.gen(function*() {
    const store = yield* AwardStore
    const b = awardsBeforeBuckets
    const now = DateTime.unsafeMake(at)
    const organisationId = b.organisationId as OrganisationId
    const listed = yield* store.list({ organisationId, newestFirst }, { page, limit }, now)
    const plain = yield* store.list(
      { organisationId, definitionIds: b.definitionIds.map((id) => id as BadgeDefinitionId), newestFirst },
      { page, limit },
      now
    )
    const ids = (result: typeof listed): Listed => ({ total: result.total, ids: result.items.map((award) => award.id) })
    return { listed: ids(listed), plain: ids(plain) }
  })

/**
 * {@link listedBeforeBuckets} at every instant of {@link awardsBeforeBuckets}, oldest and newest first, at pages in
 * the first bucket, across a bucket's edge, deep, and past the end: each pair must be the same.
 */
export const everyListingBeforeBuckets: Effect.Effect<
  ReadonlyArray<{ readonly listed: Listed; readonly plain: Listed }>,
  StoreError,
  AwardStore
> = Effect.forEach(awardsBeforeBuckets.listedAt, (at) =>
  Effect.forEach([false, true], (newestFirst) =>
    Effect.forEach(
      [[1, 100], [21, 100], [22, 100], [26, 100], [3, 1000], [30, 100]] as const,
      ([page, limit]) => listedBeforeBuckets(page, limit, newestFirst, at)
    ))).pipe(Effect.map((pairs) => pairs.flat(2)))

/** A page as its total and its awards' ids. */
export interface Listed {
  readonly total: number
  readonly ids: ReadonlyArray<string>
}
