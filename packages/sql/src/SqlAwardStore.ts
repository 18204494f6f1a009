/**
 * The awards port over `SqlClient`. The definition's `maxAwards` and `unique` and a rule's once-only award are
 * settled by the database, atomically against concurrent inserts (see `internal/awardInserts.ts`).
 *
 * @since 0.1.0
 */
import {
  type AwardFilter,
  type AwardId,
  AwardStore,
  type BadgeDefinitionId,
  Conflict,
  NotFound,
  offsetOf,
  StoreError
} from "@badge-engine/core"
import { SqlClient, type Statement } from "@effect/sql"
import { type DateTime, Effect, Layer, Option } from "effect"
import * as Buckets from "./internal/awardBuckets.js"
import * as Inserts from "./internal/awardInserts.js"
import { AwardRow, HeldRow, OnceKeyRow, PlacesLeftRow } from "./internal/awardRows.js"
import { timestamp } from "./internal/codecs.js"
import { inTransaction } from "./internal/errors.js"
import { paged } from "./internal/paging.js"
import { all, decoder, decodeRows, first, type Row } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Whether a filter asks for an organisation's live awards and nothing else (the order aside). */
const isOrganisationOnly = (filter: AwardFilter): boolean =>
  Object.entries(filter).every(([name, value]) =>
    name === "organisationId" || name === "newestFirst" || value === undefined || value === false
  )

/** Serials per bucket of the live counts deep pages start from: for hosts and benchmarks that seed awards by SQL. */
export const bucketWidth: number = Buckets.width

/** The day of expiry the live counts file an award under (days since 1970-01-01 UTC; -1 for none): for the same. */
export const expiryDayOf: (expiresAt: DateTime.Utc | undefined) => number = Buckets.dayOf

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<AwardStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const award = decoder(AwardRow)
  const held = decoder(HeldRow)
  const onceKey = decoder(OnceKeyRow)
  const placesLeft = decoder(PlacesLeftRow)

  const liveAt = (now: DateTime.Utc) =>
    sql`revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${timestamp(now)})`

  const get = (id: AwardId) => sql`SELECT * FROM ${sql(t.awards)} WHERE id = ${id}`.pipe(first("getAward", award))

  // An organisation's live awards without a count over them: the counts per bucket less its awards expired on the
  // listing's own day, not reported yet (migration 0016).
  const liveTotal = (organisationId: string, now: DateTime.Utc) => Buckets.total(sql, t, organisationId, now)

  return AwardStore.of({
    ...Inserts.make(sql, t),

    get,

    revoke: Effect.fn("AwardStore.revoke")(
      function*(id, reason, now) {
        const rows = yield* sql<Row>`UPDATE ${sql(t.awards)}
          SET revoked_at = ${timestamp(now)}, revocation_reason = ${reason}, unique_slot = NULL
          WHERE id = ${id} AND revoked_at IS NULL RETURNING *`
        const revoked = rows[0]
        if (revoked === undefined) {
          return yield* Option.isSome(yield* get(id))
            ? new Conflict({ entity: "award", reason: "the award is already revoked", existingId: id })
            : new NotFound({ entity: "award", id })
        }
        // An expired award gave its place back when its expiry was reported.
        if (revoked.expiry_reported_at === null) {
          yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count - 1
            WHERE id = ${revoked.definition_id as string} AND issued_count > 0`
        }
        const made = (yield* decodeRows("revokeAward", rows, award))[0]!
        if (revoked.expiry_reported_at === null) yield* Buckets.add(sql, t, [made], -1)
        return made
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "revokeAward", cause }))),
      inTransaction(sql, "revokeAward")
    ),

    findLive: (definitionId, recipient, now) =>
      sql`SELECT * FROM ${sql(t.awards)}
        WHERE definition_id = ${definitionId} AND recipient_key = ${recipient.key} AND ${liveAt(now)}
        ORDER BY serial LIMIT 1`.pipe(first("findLiveAward", award)),

    held: (organisationId, recipient, now) =>
      sql`SELECT DISTINCT recipient_key, definition_id FROM ${sql(t.awards)}
        WHERE organisation_id = ${organisationId} AND recipient_key = ${recipient.key} AND ${liveAt(now)}`.pipe(
        all("heldDefinitions", held),
        Effect.map((rows) => new Set(rows.map((row) => row.definitionId)))
      ),

    heldOf: (organisationId, recipients, now) =>
      recipients.length === 0
        ? Effect.succeed(new Map())
        : sql`SELECT DISTINCT recipient_key, definition_id FROM ${sql(t.awards)}
            WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_key", recipients.map((r) => r.key))}
              AND ${liveAt(now)}`.pipe(
          all("heldDefinitionsOf", held),
          Effect.map((rows) => {
            const byKey = new Map<string, Set<BadgeDefinitionId>>()
            for (const row of rows) {
              const set = byKey.get(row.recipientKey)
              if (set === undefined) byKey.set(row.recipientKey, new Set([row.definitionId]))
              else set.add(row.definitionId)
            }
            return byKey
          })
        ),

    onceKeysOf: (organisationId, recipients) =>
      recipients.length === 0
        ? Effect.succeed(new Set<string>())
        : sql<Row>`SELECT once_key FROM ${sql(t.awards)}
            WHERE organisation_id = ${organisationId} AND ${sql.in("recipient_key", recipients.map((r) => r.key))}
              AND once_key IS NOT NULL`.pipe(
          all("onceKeysOf", onceKey),
          Effect.map((rows) => new Set(rows.map((row) => row.onceKey)))
        ),

    placesLeft: (definitionIds) =>
      definitionIds.length === 0
        ? Effect.succeed(new Map())
        : sql<Row>`SELECT id, max_awards - issued_count AS places_left FROM ${sql(t.definitions)}
            WHERE ${sql.in("id", definitionIds)} AND max_awards IS NOT NULL`.pipe(
          all("placesLeft", placesLeft),
          Effect.map((rows) => new Map(rows.map((row) => [row.id, Math.max(0, row.placesLeft)])))
        ),

    list: (filter, page, now) => {
      const where = [
        ...(filter.organisationId !== undefined ? [sql`organisation_id = ${filter.organisationId}`] : []),
        ...(filter.definitionId !== undefined ? [sql`definition_id = ${filter.definitionId}`] : []),
        ...(filter.recipient !== undefined ? [sql`recipient_key = ${filter.recipient.key}`] : []),
        ...(filter.definitionIds !== undefined
          ? [filter.definitionIds.length === 0 ? sql`1 = 0` : sql.in("definition_id", filter.definitionIds)]
          : []),
        ...(filter.recipients !== undefined
          ? [
            filter.recipients.length === 0
              ? sql`1 = 0`
              : sql.in("recipient_key", filter.recipients.map((recipient) => recipient.key))
          ]
          : []),
        ...(filter.afterSerial !== undefined ? [sql`serial > ${filter.afterSerial}`] : []),
        ...(filter.beforeSerial !== undefined ? [sql`serial < ${filter.beforeSerial}`] : []),
        ...(filter.includeInactive === true || filter.includeRevoked === true ? [] : [sql`revoked_at IS NULL`]),
        ...(filter.includeInactive === true || filter.includeExpired === true
          ? []
          : [sql`(expires_at IS NULL OR expires_at > ${timestamp(now)})`])
      ]
      const newestFirst = filter.newestFirst === true
      const order = newestFirst ? sql.unsafe("DESC") : sql.unsafe("ASC")
      // The page's serials first, so OFFSET skips index entries only (a covering index); then their rows.
      const rows = (conditions: ReadonlyArray<Statement.Fragment>, offset: number) =>
        sql`SELECT * FROM ${sql(t.awards)} WHERE serial IN (
            SELECT serial FROM ${sql(t.awards)} WHERE ${sql.and(conditions)}
            ORDER BY serial ${order} LIMIT ${page.limit} OFFSET ${offset}
          ) ORDER BY serial ${order}`
      const organisationOnly = filter.organisationId !== undefined && isOrganisationOnly(filter)
      const offset = offsetOf(page)
      const plain = () =>
        paged({
          operation: "listAwards",
          page,
          rows: rows(where, offset),
          count: organisationOnly
            ? liveTotal(filter.organisationId!, now)
            : sql`SELECT count(*) AS total FROM ${sql(t.awards)} WHERE ${sql.and(where)}`,
          decode: award
        })
      if (!organisationOnly || offset < Buckets.width) return plain()
      // Past a bucket's worth, the organisation's live counts per bucket tell where the page starts and the total:
      // the page skips the awards of its own bucket only. Past the last award the plain query answers.
      return Buckets.seek(sql, t, filter.organisationId!, offset, newestFirst, now).pipe(
        Effect.mapError((cause) => new StoreError({ operation: "listAwards", cause })),
        Effect.flatMap((start) =>
          start === undefined
            ? plain()
            : paged({
              operation: "listAwards",
              page,
              rows: start.at === undefined ? rows(where, offset) : rows([
                ...where,
                newestFirst
                  ? sql`serial < ${(start.at.bucket + 1) * Buckets.width}`
                  : sql`serial >= ${start.at.bucket * Buckets.width}`
              ], offset - start.at.before),
              count: Effect.succeed([{ total: start.total }]),
              decode: award
            })
        )
      )
    },

    byActivity: (activityId) =>
      sql`SELECT * FROM ${sql(t.awards)} WHERE activity_id = ${activityId} ORDER BY serial`.pipe(
        all("awardsByActivity", award)
      ),

    expire: Effect.fn("AwardStore.expire")(
      function*(now) {
        const rows = yield* sql<Row>`UPDATE ${sql(t.awards)} SET expiry_reported_at = ${timestamp(now)}
          WHERE expires_at IS NOT NULL AND expires_at <= ${timestamp(now)}
            AND expiry_reported_at IS NULL AND revoked_at IS NULL
          RETURNING *`
        // An expired award is no longer live: it gives its maxAwards place back, once.
        const perDefinition = new Map<string, number>()
        for (const row of rows) {
          const id = row.definition_id as string
          perDefinition.set(id, (perDefinition.get(id) ?? 0) + 1)
        }
        // Definitions taken in id order, as every other statement that takes several of them does.
        for (const [definitionId, count] of [...perDefinition].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
          yield* sql`UPDATE ${sql(t.definitions)} SET issued_count = issued_count - ${count}
            WHERE id = ${definitionId} AND issued_count >= ${count}`
        }
        const expired = yield* decodeRows("expireAwards", rows, award)
        yield* Buckets.add(sql, t, expired, -1)
        return expired.sort((a, b) => a.serial - b.serial)
      },
      Effect.catchTag("SqlError", (cause) => Effect.fail(new StoreError({ operation: "expireAwards", cause }))),
      inTransaction(sql, "expireAwards")
    )
  })
})

/** The awards port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<AwardStore, never, SqlClient.SqlClient> = Layer.effect(AwardStore, make)
