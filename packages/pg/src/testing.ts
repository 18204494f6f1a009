/**
 * For test suites: a Postgres store in a fresh schema, dropped when the layer is released, so test files run in
 * parallel. Without a server, suites skip on a developer's machine and fail under `CI=true`.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import pg from "pg"
import * as PgStore from "./PgStore.js"

/** The server tests connect to. */
export const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

/** Whether a Postgres server answers at `databaseUrl`. */
export const postgresAnswers = async (): Promise<boolean> => {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query("SELECT 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Whether the Postgres suites should run: always under CI (where a missing server must fail them). */
export const runPostgres = process.env.CI === "true" || (await postgresAnswers())

/** Runs `f` with a connection of its own to `url`, closed afterwards. */
export const withClient = <A>(url: string, f: (client: pg.Client) => Promise<A>): Effect.Effect<A> =>
  Effect.promise(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return await f(client)
    } finally {
      await client.end()
    }
  })

/** The URL of a schema: every connection of the pool gets it as its search path. */
export const schemaUrl = (schema: string): string => {
  const url = new URL(databaseUrl)
  url.searchParams.set("options", `-c search_path=${schema}`)
  return url.toString()
}

/** A fresh schema for the lifetime of the layer. */
export const freshSchema = Effect.acquireRelease(
  Effect.sync(() => `be_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`).pipe(
    Effect.tap((schema) => withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`)))
  ),
  (schema) => withClient(databaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).pipe(Effect.ignore)
)

/** The store over a fresh schema, with a pool of several connections so races really race. */
export const pgTestStore = Layer.unwrapScoped(
  Effect.map(freshSchema, (schema) => PgStore.layer({ url: schemaUrl(schema), maxConnections: 8 }))
)
