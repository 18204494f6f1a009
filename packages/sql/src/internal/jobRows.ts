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
  type NewOutboxEntry,
  OrganisationId,
  OutboxEntry,
  ServerSecretId,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointId
} from "@badge-engine/core"
import { DateTime, Option, Schema } from "effect"
import {
  column,
  entityRow,
  Flag,
  Integer,
  Json,
  nullable,
  nullableColumn,
  Timestamp,
  timestamp,
  trusted
} from "./codecs.js"

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

const decodeOutboxRow = Schema.decodeUnknownSync(OutboxRow)
const eventTypes: ReadonlySet<unknown> = new Set(EventType.literals)

/**
 * An outbox entry read column by column: the same entry {@link OutboxRow} decodes (a test holds them equal), for
 * the readers of the outbox (the webhooks' fan-out, event streams), which read every entry written, a backfill's
 * hundreds of awards per batch among them. A row it does not take goes through the schema, which refuses it with
 * its usual error.
 */
export const outboxEntry = (row: unknown): OutboxEntry => {
  const { data, id, occurred_at, ordering_key, organisation_id, position, type } = row as Record<string, unknown>
  if (
    typeof id === "string" && typeof organisation_id === "string" && typeof ordering_key === "string" &&
    typeof data === "string" && eventTypes.has(type) && (occurred_at instanceof Date || typeof occurred_at === "string")
  ) {
    const at = DateTime.make(occurred_at)
    const place = typeof position === "number" ? position : typeof position === "string" ? Number(position) : NaN
    const parsed = parseJson(data)
    if (Option.isSome(at) && Number.isFinite(place) && parsed !== invalid) {
      return new OutboxEntry({
        position: place,
        id: id as EventId,
        organisationId: organisation_id as OrganisationId,
        type: type as EventType,
        orderingKey: ordering_key,
        occurredAt: DateTime.toUtc(at.value),
        data: parsed
      }, trusted)
    }
  }
  return decodeOutboxRow(row)
}

const invalid = Symbol("invalid")

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return invalid
  }
}

/**
 * The row of a new outbox entry (the database assigns its position), written column by column: the same row
 * {@link OutboxRow} encodes (a test holds them equal), without checking again the fields of an entry the engine
 * made itself, which cost more than the insert for a backfill's batch of awards. Entries written together share
 * one `occurredAt`: give its text as `occurredAt` to format it once.
 */
export const newOutboxRow = (entry: NewOutboxEntry, occurredAt = timestamp(entry.occurredAt)) => ({
  id: entry.id,
  organisation_id: entry.organisationId,
  type: entry.type,
  ordering_key: entry.orderingKey,
  occurred_at: occurredAt,
  data: JSON.stringify(entry.data)
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
