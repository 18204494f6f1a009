/**
 * The grants port over `SqlClient`. One open grant per definition and person, by a partial unique index; a
 * status changes by one conditional update, so only one of many concurrent requests moves it.
 *
 * @since 0.1.0
 */
import { GrantStore, type NewGrant, recipientKeyOf } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { timestamp } from "./internal/codecs.js"
import { grantInsertRow, GrantRow } from "./internal/grantRows.js"
import { all, decoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/**
 * How many times `create` inserts before it gives up. Each round either inserts, or finds the grant that refused the
 * insert still open; it goes round again only when that grant was revoked between the INSERT and the SELECT.
 */
const createAttempts = 5

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<GrantStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const grant = decoder(GrantRow)

  /**
   * The INSERT of a new grant, doing nothing when the person has an open grant already. Postgres assigns the serial
   * from the column's identity; SQLite takes the next one in the statement itself (see migration 0007): its single
   * writer makes the `MAX` and the insert one atomic step, and the unique index would refuse a duplicate anyway.
   */
  const insert = (value: NewGrant) => {
    const row: Record<string, unknown> = grantInsertRow(value)
    const columns = Object.keys(row)
    return sql.onDialectOrElse({
      pg: () => sql`INSERT INTO ${sql(t.grants)} ${sql.insert(row)} ON CONFLICT DO NOTHING RETURNING *`,
      orElse: () =>
        sql`INSERT INTO ${sql(t.grants)} (${sql.csv(columns.map((column) => sql`${sql(column)}`))}, serial)
          VALUES (${sql.csv(columns.map((column) => sql`${row[column]}`))},
            (SELECT COALESCE(MAX(serial), 0) + 1 FROM ${sql(t.grants)}))
          ON CONFLICT DO NOTHING RETURNING *`
    }).pipe(first("createGrant", grant))
  }

  /** The person's open grant of the definition, if any. */
  const openFor = (value: NewGrant) =>
    sql`SELECT * FROM ${sql(t.grants)} WHERE definition_id = ${value.definitionId}
      AND recipient_key = ${recipientKeyOf(value)} AND status IN ('pending', 'accepted', 'processed')`.pipe(
      first("createGrant", grant)
    )

  return GrantStore.of({
    // An insert refused by the open-grant index means a grant was open when it ran; the SELECT after it is another
    // statement, and the grant may be revoked in between, leaving nothing open. Then the insert is tried again: it now
    // succeeds, or meets a grant opened meanwhile, which the next SELECT returns. Only a revocation landing between
    // the two statements on every round exhausts the attempts, and that is a defect worth dying for.
    create: Effect.fn("GrantStore.create")(function*(value) {
      for (let attempt = 1; attempt <= createAttempts; attempt++) {
        const inserted = yield* insert(value)
        if (Option.isSome(inserted)) return { grant: inserted.value, created: true }
        const open = yield* openFor(value)
        if (Option.isSome(open)) return { grant: open.value, created: false }
      }
      return yield* Effect.die(new Error(`grant ${value.id} was neither inserted nor found open`))
    }),

    get: (id) => sql`SELECT * FROM ${sql(t.grants)} WHERE id = ${id}`.pipe(first("getGrant", grant)),

    getBySerial: (serial) =>
      sql`SELECT * FROM ${sql(t.grants)} WHERE serial = ${serial}`.pipe(first("getGrantBySerial", grant)),

    forRecipient: (definitionId, recipientKey) =>
      sql`SELECT * FROM ${sql(t.grants)} WHERE definition_id = ${definitionId} AND recipient_key = ${recipientKey}
        ORDER BY created_at DESC, id DESC`.pipe(all("grantsForRecipient", grant)),

    list: (definitionId) =>
      sql`SELECT * FROM ${sql(t.grants)} WHERE definition_id = ${definitionId} ORDER BY created_at, id`.pipe(
        all("listGrants", grant)
      ),

    transition: (id, change) =>
      change.from.length === 0
        ? Effect.succeedNone
        : sql`UPDATE ${sql(t.grants)} SET status = ${change.to}, updated_at = ${timestamp(change.now)}
            ${change.awardId !== undefined ? sql`, award_id = ${change.awardId}` : sql``}
          WHERE id = ${id} AND ${sql.in("status", change.from)} RETURNING *`.pipe(first("transitionGrant", grant))
  })
})

/** The grants port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<GrantStore, never, SqlClient.SqlClient> = Layer.effect(GrantStore, make)
