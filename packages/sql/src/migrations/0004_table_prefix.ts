/**
 * Every engine table and index carries the table prefix (`badge_engine_` by default), so an engine that shares a
 * host app's database never holds a table under a name of the host's.
 *
 * Migrations 0001–0003 now create their tables and indexes under the prefix, and with an empty prefix they are the
 * statements that shipped. A database already made by them never runs them again, so that edit cannot change it:
 * this migration brings such a database, made before the prefix existed, to the names a fresh install has. It
 * renames the old unprefixed tables, and their indexes (on Postgres also their sequences and foreign keys), to the
 * prefix plus the old name. It does so only when the prefixed tables do not exist, the unprefixed ones do, and the
 * migrations table records 0001–0003; on a fresh install, where 0001 just made the prefixed tables, it does nothing.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix, unprefixed } from "../TablePrefix.js"

interface Named {
  readonly name: string
}

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  if (p === "") return

  const exists = (table: string) =>
    sql.onDialectOrElse({
      pg: () => sql<{ readonly found: unknown }>`SELECT to_regclass(${table}) AS found`,
      orElse: () =>
        sql<{ readonly found: unknown }>`SELECT name AS found FROM sqlite_master
        WHERE type = 'table' AND name = ${table}`
    }).pipe(Effect.map((rows) => rows[0] !== undefined && rows[0].found !== null))

  if (yield* exists(`${p}organisations`)) return
  const recorded = yield* sql<{ readonly total: unknown }>`SELECT count(*) AS total FROM ${sql(`${p}migrations`)}
    WHERE migration_id IN (1, 2, 3)`
  if (!(yield* exists("organisations")) || Number(recorded[0]?.total) !== 3) {
    return yield* Effect.die(
      new Error(`neither ${p}organisations nor a database made before the table prefix (organisations) was found`)
    )
  }

  for (const table of unprefixed) {
    yield* sql.unsafe(`ALTER TABLE ${table} RENAME TO ${p}${table}`)
    yield* sql.onDialectOrElse({
      pg: () => renamePg(sql, p, `${p}${table}`),
      orElse: () => renameSqliteIndexes(sql, p, `${p}${table}`)
    })
  }
})

/**
 * Postgres names a table's indexes (primary key and unique constraints included), identity sequences and foreign
 * keys after the table: they keep the old names through a rename, and the old names would take the host's.
 */
const renamePg = (sql: SqlClient.SqlClient, p: string, table: string) =>
  Effect.gen(function*() {
    const indexes = yield* sql<Named>`SELECT i.relname AS name FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ${table}::regclass`
    for (const { name } of indexes) yield* sql.unsafe(`ALTER INDEX ${name} RENAME TO ${p}${name}`)
    const sequences = yield* sql<Named>`SELECT s.relname AS name FROM pg_depend d
      JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.refobjid = ${table}::regclass AND d.classid = 'pg_class'::regclass`
    for (const { name } of sequences) yield* sql.unsafe(`ALTER SEQUENCE ${name} RENAME TO ${p}${name}`)
    const foreignKeys = yield* sql<Named>`SELECT conname AS name FROM pg_constraint
      WHERE conrelid = ${table}::regclass AND contype = 'f'`
    for (const { name } of foreignKeys) {
      yield* sql.unsafe(`ALTER TABLE ${table} RENAME CONSTRAINT ${name} TO ${p}${name}`)
    }
  })

/**
 * SQLite renames a table's automatic indexes with it; the named ones keep their names, in one namespace for the
 * whole database, and SQLite cannot rename an index: each is made again under the prefixed name.
 */
const renameSqliteIndexes = (sql: SqlClient.SqlClient, p: string, table: string) =>
  Effect.gen(function*() {
    const indexes = yield* sql<Named & { readonly sql: string }>`SELECT name, sql FROM sqlite_master
      WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`
    for (const index of indexes) {
      yield* sql.unsafe(`DROP INDEX ${index.name}`)
      yield* sql.unsafe(index.sql.replace(/^(CREATE (?:UNIQUE )?INDEX )("?)(\w+)\2/i, `$1${p}$3`))
    }
  })
