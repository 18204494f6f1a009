/**
 * The claim codes port over `SqlClient`. A use is taken by one conditional update, so uses never pass the limit
 * however many redeem at once.
 *
 * @since 0.1.0
 */
import { ClaimCodeStore, NotFound, type ReadOptions, type StoreError } from "@badge-engine/core"
import type { ClaimCodeId } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { ClaimCodeRow, ClaimCodeUpdate } from "./internal/claimCodeRows.js"
import { timestamp } from "./internal/codecs.js"
import { conflictOr } from "./internal/errors.js"
import { all, decoder, encoder, first, lockClause } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<ClaimCodeStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const code = decoder(ClaimCodeRow)
  const insertRow = encoder(ClaimCodeRow)
  const updateRow = encoder(ClaimCodeUpdate)

  return ClaimCodeStore.of({
    create: Effect.fn("ClaimCodeStore.create")(function*(value) {
      yield* conflictOr("createClaimCode", "claim code", "the code is already in use")(
        sql`INSERT INTO ${sql(t.claimCodes)} ${sql.insert(insertRow(value))}`
      )
      return value
    }),

    get: (id: ClaimCodeId, options?: ReadOptions) =>
      sql`SELECT * FROM ${sql(t.claimCodes)} WHERE id = ${id} ${lockClause(sql, options)}`.pipe(
        first("getClaimCode", code)
      ),

    findByHash: (codeHash) =>
      sql`SELECT * FROM ${sql(t.claimCodes)} WHERE code_hash = ${codeHash}`.pipe(first("findClaimCode", code)),

    list: (definitionId) =>
      sql`SELECT * FROM ${sql(t.claimCodes)} WHERE definition_id = ${definitionId} ORDER BY created_at, id`.pipe(
        all("listClaimCodes", code)
      ),

    save: Effect.fn("ClaimCodeStore.save")(function*(value) {
      const saved = yield* sql`UPDATE ${sql(t.claimCodes)} SET ${sql.update(updateRow(value))}
        WHERE id = ${value.id} RETURNING *`.pipe(first("saveClaimCode", code))
      return yield* Option.match(saved, {
        onNone: (): Effect.Effect<never, NotFound | StoreError> =>
          Effect.fail(new NotFound({ entity: "claim code", id: value.id })),
        onSome: Effect.succeed
      })
    }),

    takeUse: (codeHash, now) =>
      sql`UPDATE ${sql(t.claimCodes)} SET uses = uses + 1
        WHERE code_hash = ${codeHash} AND enabled = 1 AND archived_at IS NULL
          AND (use_limit IS NULL OR uses < use_limit)
          AND (expires_at IS NULL OR expires_at > ${timestamp(now)})
        RETURNING *`.pipe(first("takeClaimCodeUse", code))
  })
})

/** The claim codes port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<ClaimCodeStore, never, SqlClient.SqlClient> = Layer.effect(ClaimCodeStore, make)
