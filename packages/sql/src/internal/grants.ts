/**
 * Grants over SqlClient. One pending grant per definition and person, by a partial unique index.
 */
import type { BadgeStore, GrantId, StoreError } from "@badge-engine/core"
import { Conflict, NotFound } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Option } from "effect"
import { toTimestamp } from "./codecs.js"
import { inTransaction, storeError } from "./errors.js"
import { grantRow, toGrant } from "./grantRows.js"
import type { Row } from "./rows.js"

type Methods = Pick<BadgeStore["Type"], "createGrant" | "getGrant" | "acceptGrant" | "revokeGrant">

export const make = (sql: SqlClient.SqlClient, insertAward: BadgeStore["Type"]["insertAward"]): Methods => {
  const getGrant = (id: GrantId) =>
    sql<Row>`SELECT * FROM grants WHERE id = ${id}`.pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toGrant)),
      Effect.mapError(storeError("getGrant"))
    )

  const notPending = (id: GrantId): Effect.Effect<never, NotFound | Conflict | StoreError> =>
    Effect.flatMap(getGrant(id), (grant): Effect.Effect<never, NotFound | Conflict> =>
      Option.isNone(grant)
        ? Effect.fail(new NotFound({ entity: "grant", id }))
        : Effect.fail(new Conflict({ entity: "grant", reason: `the grant is ${grant.value.status}`, existingId: id })))

  return {
    createGrant: (grant) =>
      Effect.gen(function*() {
        const rows = yield* sql<Row>`INSERT INTO grants ${
          sql.insert(grantRow(grant))
        } ON CONFLICT DO NOTHING RETURNING *`
        if (rows[0] !== undefined) return { grant: toGrant(rows[0]), created: true }
        const pending = yield* sql<Row>`SELECT * FROM grants WHERE definition_id = ${grant.definitionId}
          AND recipient_key = ${grant.recipientKey} AND status = 'pending'`
        if (pending[0] !== undefined) return { grant: toGrant(pending[0]), created: false }
        return yield* Effect.die(new Error(`grant ${grant.id} was neither inserted nor found pending`))
      }).pipe(Effect.mapError(storeError("createGrant"))),

    getGrant,

    acceptGrant: (id, award, constraints, now) =>
      Effect.gen(function*() {
        const accepted = yield* sql<Row>`UPDATE grants SET status = 'accepted', updated_at = ${toTimestamp(now)}
          WHERE id = ${id} AND status = 'pending' RETURNING id`.pipe(Effect.mapError(storeError("acceptGrant")))
        if (accepted.length === 0) return yield* notPending(id)
        const made = yield* insertAward(award, constraints)
        const rows = yield* sql<Row>`UPDATE grants SET status = 'processed', award_id = ${made.id},
            updated_at = ${toTimestamp(now)}
          WHERE id = ${id} RETURNING *`.pipe(Effect.mapError(storeError("acceptGrant")))
        return { grant: toGrant(rows[0]!), award: made }
      }).pipe(inTransaction(sql, "acceptGrant")),

    revokeGrant: (id, now) =>
      sql<Row>`UPDATE grants SET status = 'revoked', updated_at = ${toTimestamp(now)}
        WHERE id = ${id} AND status IN ('pending', 'external') RETURNING *`.pipe(
        Effect.mapError(storeError("revokeGrant")),
        Effect.flatMap((rows) => rows[0] !== undefined ? Effect.succeed(toGrant(rows[0])) : notPending(id))
      )
  }
}
