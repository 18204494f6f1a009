/**
 * BadgeKit: a definition's slug scope (`organisation`, or `server` for BadgeKit's badges, whose slugs are unique on
 * the whole server: a partial unique index settles racing creates), and the consumer keys, each bound to one
 * organisation, their secrets sealed under a server secret.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { TablePrefix } from "../TablePrefix.js"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const p = yield* TablePrefix
  const timestamp = sql.onDialectOrElse({ pg: () => "TIMESTAMPTZ", orElse: () => "TEXT" })
  yield* sql.unsafe(
    `ALTER TABLE ${p}badge_definitions ADD COLUMN slug_scope TEXT NOT NULL DEFAULT 'organisation'`
  )
  yield* sql.unsafe(
    `CREATE UNIQUE INDEX ${p}badge_definitions_server_slug ON ${p}badge_definitions (slug)
      WHERE deleted_at IS NULL AND slug_scope = 'server'`
  )
  // Whether a slug is used anywhere on the server: read before a server-scoped slug is taken.
  yield* sql.unsafe(`CREATE INDEX ${p}badge_definitions_slug_anywhere ON ${p}badge_definitions (slug)`)
  yield* sql.unsafe(
    `CREATE TABLE ${p}badgekit_keys (
      name TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES ${p}organisations (id),
      sealed_secret TEXT NOT NULL,
      sealed_under TEXT NOT NULL REFERENCES ${p}server_secrets (id),
      created_at ${timestamp} NOT NULL
    )`
  )
})
