/**
 * The webhooks port over `SqlClient`: endpoints and the log of delivery attempts.
 *
 * @since 0.1.0
 */
import { WebhookStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { storeError } from "./internal/errors.js"
import { WebhookAttemptRow, WebhookEndpointRow } from "./internal/jobRows.js"
import { all, decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<WebhookStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const endpoint = decoder(WebhookEndpointRow)
  const endpointRow = encoder(WebhookEndpointRow)
  const attempt = decoder(WebhookAttemptRow)
  const attemptRow = encoder(WebhookAttemptRow)

  return WebhookStore.of({
    create: (value) =>
      sql`INSERT INTO ${sql(t.webhookEndpoints)} ${sql.insert(endpointRow(value))}`.pipe(
        Effect.as(value),
        Effect.mapError(storeError("createWebhookEndpoint"))
      ),

    get: (id) =>
      sql`SELECT * FROM ${sql(t.webhookEndpoints)} WHERE id = ${id}`.pipe(first("getWebhookEndpoint", endpoint)),

    save: (value) => {
      const { created_at: _, id, organisation_id: __, secret_id: ___, ...fields } = endpointRow(value)
      return sql`UPDATE ${sql(t.webhookEndpoints)} SET ${sql.update(fields)} WHERE id = ${id} RETURNING *`.pipe(
        first("saveWebhookEndpoint", endpoint)
      )
    },

    remove: (id) =>
      sql`DELETE FROM ${sql(t.webhookEndpoints)} WHERE id = ${id} RETURNING id`.pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.mapError(storeError("removeWebhookEndpoint"))
      ),

    list: (organisationId) =>
      sql`SELECT * FROM ${sql(t.webhookEndpoints)} WHERE organisation_id = ${organisationId}
        ORDER BY created_at, id`.pipe(all("listWebhookEndpoints", endpoint)),

    enabledFor: (organisationIds) =>
      organisationIds.length === 0 ? Effect.succeed([]) : sql`SELECT * FROM ${sql(t.webhookEndpoints)}
        WHERE organisation_id IN ${sql.in(organisationIds)} AND enabled = 1`.pipe(
        all("enabledWebhookEndpoints", endpoint)
      ),

    recordAttempt: (value) =>
      sql`INSERT INTO ${sql(t.webhookAttempts)} ${sql.insert(attemptRow(value))}`.pipe(
        Effect.asVoid,
        Effect.mapError(storeError("recordWebhookAttempt"))
      ),

    attempts: (endpointId, limit) =>
      sql`SELECT * FROM ${sql(t.webhookAttempts)} WHERE endpoint_id = ${endpointId}
        ORDER BY attempted_at DESC, attempt DESC LIMIT ${limit}`.pipe(all("webhookAttempts", attempt))
  })
})

/** The webhooks port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<WebhookStore, never, SqlClient.SqlClient> = Layer.effect(WebhookStore, make)
