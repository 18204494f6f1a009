/**
 * Claim codes over SqlClient. A redeem takes a use with one conditional update, so uses never pass the limit.
 */
import type { BadgeStore, ClaimCodeId } from "@badge-engine/core"
import { ClaimCodeUnavailable, NotFound } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { DateTime, Effect, Option } from "effect"
import { claimCodeRow, toClaimCode } from "./claimCodeRows.js"
import { toFlag, toTimestamp } from "./codecs.js"
import { inTransaction, storeError } from "./errors.js"
import type { Row } from "./rows.js"

type Methods = Pick<
  BadgeStore["Type"],
  "createClaimCode" | "getClaimCode" | "listClaimCodes" | "updateClaimCode" | "archiveClaimCode" | "redeemClaimCode"
>

export const make = (sql: SqlClient.SqlClient, insertAward: BadgeStore["Type"]["insertAward"]): Methods => {
  const getClaimCode = (id: ClaimCodeId) =>
    sql<Row>`SELECT * FROM claim_codes WHERE id = ${id}`.pipe(
      Effect.map((rows) => Option.map(Option.fromNullable(rows[0]), toClaimCode)),
      Effect.mapError(storeError("getClaimCode"))
    )

  const updated = (id: ClaimCodeId) => (rows: ReadonlyArray<Row>) =>
    rows[0] !== undefined
      ? Effect.succeed(toClaimCode(rows[0]))
      : Effect.fail(new NotFound({ entity: "claim code", id }))

  /** Why a code could not be taken, read after the conditional update failed. */
  const unavailable = (codeHash: string, now: DateTime.Utc) =>
    sql<Row>`SELECT * FROM claim_codes WHERE code_hash = ${codeHash}`.pipe(
      Effect.mapError(storeError("redeemClaimCode")),
      Effect.flatMap((rows) => {
        const code = rows[0] === undefined ? undefined : toClaimCode(rows[0])
        const reason = code === undefined
          ? "unknown"
          : code.archivedAt !== undefined
          ? "archived"
          : !code.enabled
          ? "disabled"
          : code.expiresAt !== undefined && DateTime.lessThanOrEqualTo(code.expiresAt, now)
          ? "expired"
          : "exhausted"
        return Effect.fail(new ClaimCodeUnavailable({ reason }))
      })
    )

  return {
    createClaimCode: (code) =>
      sql`INSERT INTO claim_codes ${sql.insert(claimCodeRow(code))}`.pipe(
        Effect.as(code),
        Effect.mapError(storeError("createClaimCode"))
      ),

    getClaimCode,

    listClaimCodes: (definitionId) =>
      sql<Row>`SELECT * FROM claim_codes WHERE definition_id = ${definitionId} ORDER BY created_at, id`.pipe(
        Effect.map((rows) => rows.map(toClaimCode)),
        Effect.mapError(storeError("listClaimCodes"))
      ),

    updateClaimCode: (id, patch) => {
      const changes: Record<string, unknown> = {}
      if (patch.label !== undefined) changes.label = patch.label
      if (patch.limit !== undefined) changes.use_limit = patch.limit
      if (patch.expiresAt !== undefined) changes.expires_at = patch.expiresAt && toTimestamp(patch.expiresAt)
      if (patch.enabled !== undefined) changes.enabled = toFlag(patch.enabled)
      if (Object.keys(changes).length === 0) {
        return Effect.flatMap(
          getClaimCode(id),
          (code) =>
            Option.isSome(code) ? Effect.succeed(code.value) : Effect.fail(new NotFound({ entity: "claim code", id }))
        )
      }
      return sql<Row>`UPDATE claim_codes SET ${sql.update(changes)} WHERE id = ${id} RETURNING *`.pipe(
        Effect.mapError(storeError("updateClaimCode")),
        Effect.flatMap(updated(id))
      )
    },

    archiveClaimCode: (id, now) =>
      sql<Row>`UPDATE claim_codes SET archived_at = COALESCE(archived_at, ${toTimestamp(now)})
        WHERE id = ${id} RETURNING *`.pipe(
        Effect.mapError(storeError("archiveClaimCode")),
        Effect.flatMap(updated(id))
      ),

    redeemClaimCode: (codeHash, award, constraints, now) =>
      Effect.gen(function*() {
        const taken = yield* sql<Row>`UPDATE claim_codes SET uses = uses + 1
          WHERE code_hash = ${codeHash} AND enabled = 1 AND archived_at IS NULL
            AND (use_limit IS NULL OR uses < use_limit)
            AND (expires_at IS NULL OR expires_at > ${toTimestamp(now)})
          RETURNING *`.pipe(Effect.mapError(storeError("redeemClaimCode")))
        if (taken[0] === undefined) return yield* unavailable(codeHash, now)
        return yield* insertAward(award(toClaimCode(taken[0])), constraints)
      }).pipe(inTransaction(sql, "redeemClaimCode"))
  }
}
