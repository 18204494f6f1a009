/**
 * badge-engine on PostgreSQL: many processes can share one database.
 *
 * @since 0.1.0
 */
import { StoreError, type Stores } from "@badge-engine/core"
import { Migrations, SqlStores, TablePrefix } from "@badge-engine/sql"
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import type { ConfigError } from "effect/ConfigError"

/** How to reach the database, and the tables' prefix. */
export interface Options {
  /** A connection URL, e.g. `postgres://postgres@127.0.0.1:5432/badges`. */
  readonly url: string | Redacted.Redacted
  /** The prefix of every table and index; default `badge_engine_`. Lowercase letters, digits and underscores. */
  readonly tablePrefix?: string | undefined
  /** The pool's size; default 10. */
  readonly maxConnections?: number | undefined
}

/**
 * Every storage port on Postgres: connects a pool, migrates the schema (safely when several processes start at
 * once) and provides the ports of `Stores` and the `SqlClient` they use.
 */
export const layer = (options: Options): Layer.Layer<Stores | SqlClient.SqlClient, StoreError> => {
  const prefix = options.tablePrefix ?? TablePrefix.defaultPrefix
  if (!TablePrefix.isValid(prefix)) {
    return Layer.fail(new StoreError({ operation: `use table prefix "${prefix}" (a-z, 0-9 and _ only)` }))
  }
  const client = PgClient.layer({
    url: typeof options.url === "string" ? Redacted.make(options.url) : options.url,
    maxConnections: options.maxConnections ?? 10
  })
  const migrated = Layer.effectDiscard(Migrations.migrate).pipe(Layer.provideMerge(client))
  return SqlStores.layer.pipe(
    Layer.provideMerge(migrated),
    Layer.provide(TablePrefix.layer(prefix)),
    Layer.mapError((cause) => new StoreError({ operation: "open PostgreSQL database", cause }))
  )
}

/** Every storage port on the Postgres named by `DATABASE_URL`, with tables under `BADGE_ENGINE_TABLE_PREFIX`. */
export const layerConfig: Layer.Layer<Stores | SqlClient.SqlClient, StoreError | ConfigError> = Layer.unwrapEffect(
  Effect.map(
    Config.all({
      url: Config.redacted("DATABASE_URL"),
      tablePrefix: Config.option(Config.string("BADGE_ENGINE_TABLE_PREFIX"))
    }),
    ({ tablePrefix, url }) => layer({ url, tablePrefix: Option.getOrUndefined(tablePrefix) })
  )
)
