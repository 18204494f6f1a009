/**
 * Which database the command line uses: `--database`, else `DATABASE_URL`, else the SQLite file
 * `./badge-engine.db`. A `postgres://` or `postgresql://` URL means Postgres; anything else is a SQLite path.
 *
 * @since 0.1.0
 */
import type { StoreError, Stores } from "@badge-engine/core"
import { PgStore } from "@badge-engine/pg"
import { SqliteStore } from "@badge-engine/sqlite"
import type { SqlClient } from "@effect/sql"
import { Config, Effect, Layer, Option } from "effect"

/** The SQLite file used when nothing else is said. */
export const defaultDatabase = "./badge-engine.db"

/** Whether a database setting names Postgres. */
export const isPostgres = (database: string): boolean => /^postgres(ql)?:\/\//i.test(database)

/** The database setting in force. */
export const resolve = (flag: Option.Option<string>) =>
  Option.match(flag, {
    onSome: Effect.succeed,
    onNone: () =>
      Config.string("DATABASE_URL").pipe(
        Config.withDefault(defaultDatabase),
        Effect.orElseSucceed(() => defaultDatabase)
      )
  })

/** A database as the name an operator can read: a Postgres URL without its password. */
export const describe = (database: string): string => {
  if (!isPostgres(database)) return `SQLite ${database}`
  try {
    const url = new URL(database)
    url.password = url.password === "" ? "" : "***"
    return `PostgreSQL ${url.toString()}`
  } catch {
    return "PostgreSQL"
  }
}

/** The store for a database setting, migrated. */
export const layer = (database: string): Layer.Layer<Stores | SqlClient.SqlClient, StoreError> =>
  isPostgres(database) ? PgStore.layer({ url: database }) : SqliteStore.layer({ filename: database })

/** The store for the `--database` flag (or its defaults). */
export const fromFlag = (flag: Option.Option<string>) => Layer.unwrapEffect(Effect.map(resolve(flag), layer))
