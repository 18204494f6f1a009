/**
 * The HTTP baseline, run as its own process (`node --import tsx src/rawServer.ts <port> <sqlite file> <org id>`):
 * a bare `node:http` server that reads the same rows with better-sqlite3 and answers the same JSON as the badge
 * definitions endpoints, without authentication, validation, logging or an effect runtime.
 */
import { TablePrefix } from "@badge-engine/sql"
import Database from "better-sqlite3"
import * as http from "node:http"

const [port, filename, organisationId] = process.argv.slice(2) as [string, string, string]
const db = new Database(filename, { readonly: true })
const tables = TablePrefix.tables(TablePrefix.defaultPrefix)

interface Row {
  readonly id: string
  readonly organisation_id: string
  readonly name: string
  readonly description: string
  readonly image_url: string | null
  readonly locked_image_url: string | null
  readonly rule: string | null
  readonly category: string | null
  readonly archived_at: string | null
  readonly created_at: string
  readonly updated_at: string
}

const one = db.prepare<[string], Row>(`SELECT * FROM ${tables.definitions} WHERE id = ? AND deleted_at IS NULL`)
const earned = db.prepare<[string, string], { total: number }>(
  `SELECT count(*) AS total FROM ${tables.awards} WHERE definition_id = ? AND revoked_at IS NULL
    AND (expires_at IS NULL OR expires_at > ?)`
)
const page = db.prepare<[string, number, number], Row>(
  `SELECT * FROM ${tables.definitions} WHERE deleted_at IS NULL AND organisation_id = ?
    ORDER BY serial LIMIT ? OFFSET ?`
)
const total = db.prepare<[string], { total: number }>(
  `SELECT count(*) AS total FROM ${tables.definitions} WHERE deleted_at IS NULL AND organisation_id = ?`
)

const timestamp = (iso: string) => iso.replace(/\.\d{3}Z$/, "Z")

const json = (row: Row, earnedCount?: number) => ({
  id: row.id,
  organisation_id: row.organisation_id,
  name: row.name,
  description: row.description,
  icon_url: row.image_url,
  locked_icon_url: row.locked_image_url,
  criteria: row.rule === null ? null : JSON.parse(row.rule) as unknown,
  category: row.category,
  is_active: row.archived_at === null,
  ...(earnedCount === undefined ? {} : { earned_count: earnedCount }),
  created_at: timestamp(row.created_at),
  updated_at: timestamp(row.updated_at)
})

const send = (response: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  response.end(text)
}

http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://raw")
  const prefix = "/api/v1/badge-definitions"
  if (url.pathname === "/health") return send(response, 200, { status: "ok" })
  if (url.pathname === prefix) {
    const limit = Number(url.searchParams.get("limit") ?? 20)
    const at = Number(url.searchParams.get("page") ?? 1)
    const rows = page.all(organisationId, limit, (at - 1) * limit)
    return send(response, 200, {
      data: rows.map((row) => json(row)),
      pagination: { page: at, limit, total: total.get(organisationId)!.total }
    })
  }
  if (url.pathname.startsWith(`${prefix}/`)) {
    const row = one.get(decodeURIComponent(url.pathname.slice(prefix.length + 1)))
    if (row === undefined) return send(response, 404, { error: { code: "not_found", message: "not found" } })
    return send(response, 200, json(row, earned.get(row.id, new Date().toISOString())!.total))
  }
  send(response, 404, { error: { code: "not_found", message: "no such route" } })
}).listen(Number(port), "127.0.0.1")

process.on("SIGTERM", () => {
  db.close()
  process.exit(0)
})
