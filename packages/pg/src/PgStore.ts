/**
 * badge-engine on PostgreSQL: many processes can share one database.
 *
 * @since 0.1.0
 */
import { type BadgeStore, StoreError } from "@badge-engine/core"
import { Migrations, SqlBadgeStore } from "@badge-engine/sql"
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Config, Effect, Layer, Redacted } from "effect"
import type { ConfigError } from "effect/ConfigError"

/** How to reach the database. */
export interface Options {
  /** A connection URL, e.g. `postgres://postgres@127.0.0.1:5432/badges`. */
  readonly url: string | Redacted.Redacted
  /** The pool's size; default 10. */
  readonly maxConnections?: number | undefined
}

/**
 * The store on Postgres: connects a pool, migrates the schema (safely when several processes start at once)
 * and provides `BadgeStore` and the `SqlClient` it uses.
 */
export const layer = (options: Options): Layer.Layer<BadgeStore | SqlClient.SqlClient, StoreError> => {
  const client = PgClient.layer({
    url: typeof options.url === "string" ? Redacted.make(options.url) : options.url,
    maxConnections: options.maxConnections ?? 10
  })
  const migrated = Layer.effectDiscard(Migrations.migrate).pipe(Layer.provideMerge(client))
  return SqlBadgeStore.layer.pipe(
    Layer.provideMerge(migrated),
    Layer.mapError((cause) => new StoreError({ operation: "open PostgreSQL database", cause }))
  )
}

/** The store on the Postgres named by `DATABASE_URL`. */
export const layerConfig: Layer.Layer<BadgeStore | SqlClient.SqlClient, StoreError | ConfigError> = Layer.unwrapEffect(
  Effect.map(Config.redacted("DATABASE_URL"), (url) => layer({ url }))
)
