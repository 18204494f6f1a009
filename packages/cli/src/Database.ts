/**
 * Which database the command line uses: `--database`, else `DATABASE_URL`, else the SQLite file
 * `./badge-engine.db`. A `postgres://` or `postgresql://` URL means Postgres; any other URL is refused; anything
 * else is a SQLite path.
 *
 * @since 0.1.0
 */
import type { StoreError, Stores } from "@badge-engine/core"
import { PgStore } from "@badge-engine/pg"
import { SqliteStore } from "@badge-engine/sqlite"
import type { SqlClient } from "@effect/sql"
import { Config, Effect, Layer, Option } from "effect"
import { UsageError } from "./Failure.js"

/** The SQLite file used when nothing else is said. */
export const defaultDatabase = "./badge-engine.db"

/** Whether a database setting names Postgres. */
export const isPostgres = (database: string): boolean => /^postgres(ql)?:\/\//i.test(database)

/** Whether a database setting is a URL of a kind the command line does not speak (`mysql://`, `file://`, …). */
const isOtherUrl = (database: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(database) && !isPostgres(database)

/** The database setting in force; a URL other than Postgres's is a usage error (it is no SQLite file name). */
export const resolve = (flag: Option.Option<string>): Effect.Effect<string, UsageError> =>
  Option.match(flag, {
    onSome: Effect.succeed,
    onNone: () =>
      Config.string("DATABASE_URL").pipe(
        Config.withDefault(defaultDatabase),
        Effect.map((url) => (url === "" ? defaultDatabase : url)),
        Effect.orElseSucceed(() => defaultDatabase)
      )
  }).pipe(
    Effect.filterOrFail((database) => !isOtherUrl(database), (database) =>
      new UsageError({
        problem: `unsupported database URL ${
          database.split("://")[0]
        }://…: only PostgreSQL and SQLite files are supported`,
        hint: "Pass --database a postgres:// URL or a SQLite file path (default ./badge-engine.db)."
      }))
  )

/** The database named by the arguments (`--database X` or `--database=X`), else by `DATABASE_URL`, else the default. */
export const givenIn = (args: ReadonlyArray<string>): string => {
  const at = args.indexOf("--database")
  const inline = args.find((arg) => arg.startsWith("--database="))
  return (at >= 0 ? args[at + 1] : inline?.slice("--database=".length)) || process.env["DATABASE_URL"] ||
    defaultDatabase
}

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
