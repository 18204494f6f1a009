/**
 * Health: whether the server and its storage answer.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"

/** The health group: no credentials needed. */
export class HealthApi extends HttpApiGroup.make("health").add(
  HttpApiEndpoint.get("health", "/health")
    .addSuccess(Schema.Struct({ status: Schema.Literal("ok"), database: Schema.Literal("ok") }))
    .annotate(OpenApi.Summary, "Liveness and storage check")
) {}
