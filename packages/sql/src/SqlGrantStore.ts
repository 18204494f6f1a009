/**
 * The grants port over `SqlClient`. One open grant per definition and person, by a partial unique index; a
 * status changes by one conditional update, so only one of many concurrent requests moves it.
 *
 * @since 0.1.0
 */
import { GrantStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { timestamp } from "./internal/codecs.js"
import { grantInsertRow, GrantRow } from "./internal/grantRows.js"
import { all, decoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<GrantStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const grant = decoder(GrantRow)

  return GrantStore.of({
    create: Effect.fn("GrantStore.create")(
      function*(value) {
        const inserted = yield* sql`INSERT INTO ${sql(t.grants)} ${sql.insert(grantInsertRow(value))}
          ON CONFLICT DO NOTHING RETURNING *`.pipe(first("createGrant", grant))
        if (Option.isSome(inserted)) return { grant: inserted.value, created: true }
        const open = yield* sql`SELECT * FROM ${sql(t.grants)} WHERE definition_id = ${value.definitionId}
          AND recipient_key = ${value.recipientKey} AND status IN ('pending', 'accepted', 'processed')`.pipe(
          first("createGrant", grant)
        )
        if (Option.isSome(open)) return { grant: open.value, created: false }
        return yield* Effect.die(new Error(`grant ${value.id} was neither inserted nor found open`))
      }
    ),

    get: (id) => sql`SELECT * FROM ${sql(t.grants)} WHERE id = ${id}`.pipe(first("getGrant", grant)),

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
