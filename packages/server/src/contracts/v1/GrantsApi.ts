/**
 * Grants in v1's terms: an admin revokes a grant, and with it the award its acceptance made. Offering and accepting
 * are BadgeFed's (`/api/badges/grant`) and the accept page's. Paths are below the v1 prefix.
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
import { IdParam, Timestamp } from "./Schemas.js"

/** A grant as v1 prints it. */
export const GrantJson = Schema.Struct({
  id: Schema.String,
  badge_definition_id: Schema.String,
  status: Schema.Literal("pending", "accepted", "processed", "external", "revoked"),
  earned_badge_id: Schema.NullOr(Schema.String),
  updated_at: Timestamp
}).annotations({ identifier: "Grant" })

/** The grants group. */
export class GrantsApi extends HttpApiGroup.make("grants")
  .add(
    HttpApiEndpoint.post("revoke")`/grants/${HttpApiSchema.param("id", IdParam)}/revoke`
      .addSuccess(GrantJson)
      .annotate(OpenApi.Summary, "Revoke a grant, and the earned badge its acceptance made; 409 when revoked (admin)")
  )
  .addError(V1Error)
  .middleware(Authentication)
{}
