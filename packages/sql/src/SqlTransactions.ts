/**
 * The transaction port over `SqlClient`: one database transaction around a service's writes to several
 * aggregates. A nested call joins the outer transaction (as a savepoint inside it).
 *
 * @since 0.1.0
 */
import { Transactions } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { inTransaction } from "./internal/errors.js"

/** Builds the port over the `SqlClient` in context. */
export const make: Effect.Effect<Transactions["Type"], never, SqlClient.SqlClient> = Effect.map(
  SqlClient.SqlClient,
  (sql) =>
    Transactions.of({
      run: inTransaction(sql, "transaction"),
      active: Effect.map(Effect.serviceOption(SqlClient.TransactionConnection), Option.isSome)
    })
)

/** The transaction port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<Transactions, never, SqlClient.SqlClient> = Layer.effect(Transactions, make)
