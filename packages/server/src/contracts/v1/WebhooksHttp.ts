/**
 * Handlers of v1's webhooks group, over the webhooks and jobs services (which check the caller's role and
 * organisation).
 *
 * @since 0.1.0
 */
import {
  type Job,
  type JobId,
  Jobs,
  type OrganisationId,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookEndpointId,
  Webhooks
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect, Redacted } from "effect"
import { Api } from "./Api.js"
import { respond, v1Fields } from "./Failures.js"
import { timestamp } from "./Json.js"

const fields = { ...v1Fields, eventTypes: "event_types" }

/** An endpoint as v1 prints it. */
const endpointJson = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  organisation_id: endpoint.organisationId,
  url: endpoint.url,
  event_types: endpoint.eventTypes,
  description: endpoint.description ?? null,
  enabled: endpoint.enabled,
  created_at: timestamp(endpoint.createdAt),
  updated_at: timestamp(endpoint.updatedAt)
})

const attemptJson = (attempt: WebhookAttempt) => ({
  id: attempt.id,
  job_id: attempt.jobId,
  event_id: attempt.eventId,
  event_type: attempt.eventType,
  attempt: attempt.attempt,
  status_code: attempt.statusCode ?? null,
  duration_ms: attempt.durationMs,
  error: attempt.error ?? null,
  delivered: attempt.delivered,
  attempted_at: timestamp(attempt.attemptedAt)
})

/** A job as v1 prints it. */
export const jobJson = (job: Job) => ({
  id: job.id,
  kind: job.kind,
  organisation_id: job.organisationId ?? null,
  state: job.state,
  attempts: job.attempts,
  run_at: timestamp(job.runAt),
  progress: job.progress ?? null,
  last_error: job.lastError ?? null,
  created_at: timestamp(job.createdAt),
  updated_at: timestamp(job.updatedAt),
  finished_at: job.finishedAt === undefined ? null : timestamp(job.finishedAt)
})

/** The webhooks handlers. */
export const WebhooksHttp = HttpApiBuilder.group(Api, "webhooks", (handlers) =>
  Effect.gen(function*() {
    const webhooks = yield* Webhooks.Webhooks
    const jobs = yield* Jobs.Jobs
    return handlers
      .handle("register", ({ payload }) =>
        respond(fields)(webhooks.register({
          url: payload.url,
          ...(payload.organisation_id !== undefined ? { organisationId: payload.organisation_id } : {}),
          ...(payload.event_types !== undefined ? { eventTypes: payload.event_types as never } : {}),
          ...(payload.description !== undefined ? { description: payload.description } : {})
        })).pipe(Effect.map(({ endpoint, secret }) => ({ ...endpointJson(endpoint), secret: Redacted.value(secret) }))))
      .handle("list", ({ urlParams }) =>
        respond(fields)(webhooks.list(urlParams.organisation_id as OrganisationId | undefined)).pipe(
          Effect.map((endpoints) => ({ data: endpoints.map(endpointJson) }))
        ))
      .handle("get", ({ path }) =>
        respond(fields)(webhooks.get(path.id as WebhookEndpointId)).pipe(Effect.map(endpointJson)))
      .handle("update", ({ path, payload }) =>
        respond(fields)(webhooks.update(path.id as WebhookEndpointId, {
          ...(payload.url !== undefined ? { url: payload.url } : {}),
          ...(payload.event_types !== undefined ? { eventTypes: payload.event_types as never } : {}),
          ...(payload.description !== undefined ? { description: payload.description } : {}),
          ...(payload.enabled !== undefined ? { enabled: payload.enabled } : {})
        })).pipe(Effect.map(endpointJson)))
      .handle("remove", ({ path }) =>
        respond(fields)(webhooks.remove(path.id as WebhookEndpointId)).pipe(
          Effect.as({ id: path.id, deleted: true as const })
        ))
      .handle("deliveries", ({ path, urlParams }) =>
        respond(fields)(webhooks.deliveries(path.id as WebhookEndpointId, urlParams.limit)).pipe(
          Effect.map((attempts) => ({ data: attempts.map(attemptJson) }))
        ))
      .handle("job", ({ path }) =>
        respond(fields)(jobs.get(path.id as JobId)).pipe(Effect.map(jobJson)))
  }))
