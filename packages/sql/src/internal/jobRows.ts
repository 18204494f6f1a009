/**
 * The rows of jobs, the outbox and webhooks, declared once as Schemas: payloads, progress, event data and event
 * types as JSON text.
 */
import {
  EventId,
  EventType,
  Job,
  JobId,
  JobKind,
  JobState,
  OrganisationId,
  OutboxEntry,
  ServerSecretId,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointId
} from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, Flag, Integer, Json, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** A job's row (its `seq` is the database's, for order only). */
export const JobRow = entityRow(Job, {
  id: JobId,
  kind: JobKind,
  organisationId: nullableColumn("organisation_id", OrganisationId),
  orderingKey: nullableColumn("ordering_key", Schema.String),
  uniqueKey: nullableColumn("unique_key", Schema.String),
  payload: Json(Schema.Unknown),
  state: JobState,
  attempts: Integer,
  runAt: column("run_at", Timestamp),
  leaseOwner: nullableColumn("lease_owner", Schema.String),
  leaseExpiresAt: nullableColumn("lease_expires_at", Timestamp),
  progress: nullable(Json(Schema.Unknown)),
  lastError: nullableColumn("last_error", Schema.String),
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp),
  finishedAt: nullableColumn("finished_at", Timestamp)
})

/** An outbox entry's row. */
export const OutboxRow = entityRow(OutboxEntry, {
  position: Integer,
  id: EventId,
  organisationId: column("organisation_id", OrganisationId),
  type: EventType,
  orderingKey: column("ordering_key", Schema.String),
  occurredAt: column("occurred_at", Timestamp),
  data: Json(Schema.Unknown)
})

/** A webhook endpoint's row. */
export const WebhookEndpointRow = entityRow(WebhookEndpoint, {
  id: WebhookEndpointId,
  organisationId: column("organisation_id", OrganisationId),
  url: Schema.String,
  eventTypes: column("event_types", Json(Schema.Array(EventType))),
  description: nullable(Schema.String),
  secretId: column("secret_id", ServerSecretId),
  enabled: Flag,
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
})

/** A delivery attempt's row. */
export const WebhookAttemptRow = entityRow(WebhookAttempt, {
  id: Schema.String,
  endpointId: column("endpoint_id", WebhookEndpointId),
  jobId: column("job_id", JobId),
  eventId: column("event_id", EventId),
  eventType: column("event_type", EventType),
  attempt: Integer,
  statusCode: nullableColumn("status_code", Integer),
  durationMs: column("duration_ms", Integer),
  error: nullable(Schema.String),
  attemptedAt: column("attempted_at", Timestamp)
})
