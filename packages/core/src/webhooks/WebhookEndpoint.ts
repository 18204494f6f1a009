/**
 * Webhook endpoints and the log of their delivery attempts. An endpoint's signing secret is derived from its id under
 * a server secret (never stored): shown when the endpoint is registered, derived again to sign each delivery.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpUrl } from "../Fields.js"
import { EventId, JobId, OrganisationId, ServerSecretId, WebhookEndpointId } from "../Ids.js"
import { EventType } from "../outbox/OutboxEntry.js"

/** A registered endpoint: where an organisation's events are POSTed. */
export class WebhookEndpoint extends Schema.Class<WebhookEndpoint>("WebhookEndpoint")({
  id: WebhookEndpointId,
  organisationId: OrganisationId,
  url: HttpUrl,
  /** The events it receives; empty for every type. */
  eventTypes: Schema.Array(EventType),
  description: Schema.optional(Schema.String.pipe(Schema.maxLength(500))),
  /** The server secret its signing secret is derived under. */
  secretId: ServerSecretId,
  enabled: Schema.Boolean,
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {
  /** Whether the endpoint wants events of a type. */
  wants(type: EventType): boolean {
    return this.enabled && (this.eventTypes.length === 0 || this.eventTypes.includes(type))
  }
}

/** One attempt at delivering one event to one endpoint, as the delivery log shows it. */
export class WebhookAttempt extends Schema.Class<WebhookAttempt>("WebhookAttempt")({
  id: Schema.String,
  endpointId: WebhookEndpointId,
  /** The delivery job: one per endpoint and event, whatever its attempts. */
  jobId: JobId,
  eventId: EventId,
  eventType: EventType,
  /** 1 for the first attempt at this delivery. */
  attempt: Schema.Int,
  /** The receiver's HTTP status; absent when none came (refused, timed out). */
  statusCode: Schema.optional(Schema.Int),
  durationMs: Schema.Int,
  /** Why it failed, if it did. */
  error: Schema.optional(Schema.String),
  attemptedAt: Schema.DateTimeUtcFromSelf
}) {
  /** Whether the receiver took it (a 2xx). */
  get delivered(): boolean {
    return this.statusCode !== undefined && this.statusCode >= 200 && this.statusCode < 300
  }
}
