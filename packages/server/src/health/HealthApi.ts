/**
 * Health: whether the server and its storage answer. It lies under no contract's prefix, so it answers, and is
 * documented, in the server's fallback error shape: v1's.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { V1Error } from "../contracts/v1/Errors.js"

/** The health group: no credentials needed. */
export class HealthGroup extends HttpApiGroup.make("health")
  .add(
    HttpApiEndpoint.get("health", "/health")
      .addSuccess(Schema.Struct({ status: Schema.Literal("ok"), database: Schema.Literal("ok") }))
      .annotate(OpenApi.Summary, "Liveness and storage check")
  )
  .addError(V1Error)
{}

/** The health API: the group alone. */
export class HealthApi extends HttpApi.make("health").add(HealthGroup) {}
