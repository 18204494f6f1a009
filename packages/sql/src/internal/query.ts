/**
 * Running a query and decoding its rows through a row schema; dialect fragments shared by the stores.
 */
import { type ReadOptions, StoreError } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema } from "effect"
import { Integer } from "./codecs.js"

/** A row as the driver returns it. */
export type Row = Record<string, unknown>

/** A count of rows: `count(*) AS total`, which Postgres returns as a string. */
export const CountRow = Schema.Struct({ total: Integer })

/** The decoder of a row schema, compiled once. */
export const decoder = <A, I>(schema: Schema.Schema<A, I>): (row: unknown) => A => Schema.decodeUnknownSync(schema)

/** The encoder of a row schema, compiled once. */
export const encoder = <A, I>(schema: Schema.Schema<A, I>): (value: A) => I => Schema.encodeSync(schema)

const decodeWith = <A>(operation: string, rows: ReadonlyArray<unknown>, decode: (row: unknown) => A) =>
  Effect.try({ try: () => rows.map(decode), catch: (cause) => new StoreError({ operation, cause }) })

/** Every row of a query, decoded; a driver or decoding failure is a `StoreError` naming the operation. */
export const all =
  <A>(operation: string, decode: (row: unknown) => A) =>
  <R>(query: Effect.Effect<ReadonlyArray<unknown>, SqlError, R>): Effect.Effect<ReadonlyArray<A>, StoreError, R> =>
    query.pipe(
      Effect.mapError((cause) => new StoreError({ operation, cause })),
      Effect.flatMap((rows) => decodeWith(operation, rows, decode))
    )

/** The first row of a query, decoded, if any. */
export const first =
  <A>(operation: string, decode: (row: unknown) => A) =>
  <R>(query: Effect.Effect<ReadonlyArray<unknown>, SqlError, R>): Effect.Effect<Option.Option<A>, StoreError, R> =>
    query.pipe(
      Effect.mapError((cause) => new StoreError({ operation, cause })),
      Effect.flatMap((rows) =>
        rows.length === 0
          ? Effect.succeedNone
          : Effect.map(decodeWith(operation, rows.slice(0, 1), decode), (decoded) => Option.some(decoded[0]!))
      )
    )

/** Decodes rows already read, inside an effect that maps its errors itself. */
export const decodeRows = <A>(operation: string, rows: ReadonlyArray<unknown>, decode: (row: unknown) => A) =>
  decodeWith(operation, rows, decode)

/** `FOR UPDATE` where a read asks to hold its rows and the database locks rows (Postgres); SQLite locks on write. */
export const lockClause = (sql: SqlClient.SqlClient, options: ReadOptions | undefined) =>
  options?.forUpdate === true
    ? sql.onDialectOrElse({ pg: () => sql.literal("FOR UPDATE"), orElse: () => sql.literal("") })
    : sql.literal("")
