/**
 * badge-engine on SQLite: one process, a file or `:memory:`.
 *
 * @since 0.1.0
 */
import { StoreError, type Stores } from "@badge-engine/core"
import { Migrations, SqlStores, TablePrefix } from "@badge-engine/sql"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Cause, Effect, Layer } from "effect"

/** Where the database lives, how long a write waits for another process's lock, and the tables' prefix. */
export interface Config {
  /** A file path, or `:memory:` for a database that lives as long as the layer. */
  readonly filename: string
  /** How long to wait for a lock held by another connection; default 5 seconds. */
  readonly busyTimeoutMillis?: number | undefined
  /** The prefix of every table and index; default `badge_engine_`. Lowercase letters, digits and underscores. */
  readonly tablePrefix?: string | undefined
}

const prepare = (config: Config) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // WAL is set by the client; these are per connection, and the client keeps one.
    yield* sql.unsafe("PRAGMA foreign_keys = ON")
    yield* sql.unsafe(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(config.busyTimeoutMillis ?? 5000))}`)
    yield* sql.unsafe("PRAGMA synchronous = NORMAL")
    yield* Migrations.migrate
  }).pipe(Effect.mapError((cause) => new StoreError({ operation: "migrate SQLite database", cause })))

/**
 * Every storage port on SQLite: opens the database (WAL, foreign keys, busy timeout), migrates it, and provides
 * the ports of `Stores` and the `SqlClient` they use.
 */
export const layer = (config: Config): Layer.Layer<Stores | SqlClient.SqlClient, StoreError> => {
  const prefix = config.tablePrefix ?? TablePrefix.defaultPrefix
  if (!TablePrefix.isValid(prefix)) {
    return Layer.fail(new StoreError({ operation: `use table prefix "${prefix}" (a-z, 0-9 and _ only)` }))
  }
  const client = SqliteClient.layer({ filename: config.filename }).pipe(
    // The driver throws while opening (a missing directory, a locked file, an addon that was never built): a defect
    // of the client's layer, which is the caller's StoreError here.
    Layer.catchAllCause((cause): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, StoreError> =>
      Cause.isInterruptedOnly(cause)
        ? Layer.failCause(cause as Cause.Cause<never>)
        : Layer.fail(
          new StoreError({ operation: `open SQLite database ${config.filename}`, cause: Cause.squash(cause) })
        )
    )
  )
  return SqlStores.layer.pipe(
    Layer.provideMerge(Layer.effectDiscard(prepare(config)).pipe(Layer.provideMerge(client))),
    Layer.provide(TablePrefix.layer(prefix)),
    Layer.mapError((cause) =>
      cause instanceof StoreError
        ? cause
        : new StoreError({ operation: `open SQLite database ${config.filename}`, cause })
    )
  )
}
