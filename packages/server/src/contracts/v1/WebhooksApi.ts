/**
 * Webhook endpoints and jobs in v1's terms, for admins: register, list, change and remove an organisation's
 * endpoints, read an endpoint's delivery log, and read a background job's state and progress. Paths are below the
 * v1 prefix.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { Authentication } from "./Credentials.js"
import { V1Error } from "./Errors.js"
import { IdParam, LimitParam, Timestamp } from "./Schemas.js"

/** An endpoint as v1 prints it: never its secret (shown once, when registered). */
export const WebhookEndpointJson = Schema.Struct({
  id: Schema.String,
  organisation_id: Schema.String,
  url: Schema.String,
  event_types: Schema.Array(Schema.String),
  description: Schema.NullOr(Schema.String),
  enabled: Schema.Boolean,
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "WebhookEndpoint" })

/** A registered endpoint with its signing secret (`whsec_…`), shown this once. */
export const RegisteredWebhookJson = Schema.Struct({
  ...WebhookEndpointJson.fields,
  secret: Schema.String
}).annotations({ identifier: "RegisteredWebhookEndpoint" })

/** One delivery attempt in an endpoint's log. */
export const WebhookAttemptJson = Schema.Struct({
  id: Schema.String,
  job_id: Schema.String,
  event_id: Schema.String,
  event_type: Schema.String,
  attempt: Schema.Int,
  status_code: Schema.NullOr(Schema.Int),
  duration_ms: Schema.Int,
  error: Schema.NullOr(Schema.String),
  delivered: Schema.Boolean,
  attempted_at: Timestamp
}).annotations({ identifier: "WebhookAttempt" })

/** A background job: what it does, where it is, why it last failed. */
export const JobJson = Schema.Struct({
  id: Schema.String,
  kind: Schema.String,
  organisation_id: Schema.NullOr(Schema.String),
  state: Schema.Literal("queued", "running", "succeeded", "failed"),
  attempts: Schema.Int,
  run_at: Timestamp,
  progress: Schema.NullOr(Schema.Unknown),
  last_error: Schema.NullOr(Schema.String),
  created_at: Timestamp,
  updated_at: Timestamp,
  finished_at: Schema.NullOr(Timestamp)
}).annotations({ identifier: "Job" })

const RegisterWebhook = Schema.Struct({
  organisation_id: Schema.optional(Schema.String),
  url: Schema.String,
  event_types: Schema.optional(Schema.Array(Schema.String)),
  description: Schema.optional(Schema.String)
}).annotations({ identifier: "RegisterWebhook" })

const UpdateWebhook = Schema.Struct({
  url: Schema.optional(Schema.String),
  event_types: Schema.optional(Schema.Array(Schema.String)),
  description: Schema.optional(Schema.String),
  enabled: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "UpdateWebhook" })

const idPath = HttpApiSchema.param("id", IdParam)

/** The webhooks group. */
export class WebhooksApi extends HttpApiGroup.make("webhooks")
  .add(
    HttpApiEndpoint.post("register", "/webhooks")
      .setPayload(RegisterWebhook)
      .addSuccess(RegisteredWebhookJson, { status: 201 })
      .annotate(OpenApi.Summary, "Register a webhook endpoint; its signing secret is shown this once (admin)")
  )
  .add(
    HttpApiEndpoint.get("list", "/webhooks")
      .setUrlParams(Schema.Struct({ organisation_id: Schema.optional(IdParam) }))
      .addSuccess(Schema.Struct({ data: Schema.Array(WebhookEndpointJson) }))
      .annotate(OpenApi.Summary, "List an organisation's webhook endpoints (admin)")
  )
  .add(
    HttpApiEndpoint.get("get")`/webhooks/${idPath}`
      .addSuccess(WebhookEndpointJson)
      .annotate(OpenApi.Summary, "Read a webhook endpoint (admin)")
  )
  .add(
    HttpApiEndpoint.patch("update")`/webhooks/${idPath}`
      .setPayload(UpdateWebhook)
      .addSuccess(WebhookEndpointJson)
      .annotate(OpenApi.Summary, "Change a webhook endpoint's URL, event types, description or enabled flag (admin)")
  )
  .add(
    HttpApiEndpoint.del("remove")`/webhooks/${idPath}`
      .addSuccess(Schema.Struct({ id: Schema.String, deleted: Schema.Literal(true) }))
      .annotate(OpenApi.Summary, "Remove a webhook endpoint: nothing more is delivered to it (admin)")
  )
  .add(
    HttpApiEndpoint.get("deliveries")`/webhooks/${idPath}/deliveries`
      .setUrlParams(Schema.Struct({ limit: Schema.optional(LimitParam) }))
      .addSuccess(Schema.Struct({ data: Schema.Array(WebhookAttemptJson) }))
      .annotate(OpenApi.Summary, "An endpoint's delivery attempts, newest first: status, duration, error (admin)")
  )
  .add(
    HttpApiEndpoint.get("job")`/jobs/${idPath}`
      .addSuccess(JobJson)
      .annotate(OpenApi.Summary, "A background job's state, progress and last error (admin)")
  )
  .addError(V1Error)
  .middleware(Authentication)
{}
