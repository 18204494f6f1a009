/**
 * The contract of `badge-definitions-v1`: list, get, create, update and soft-delete badge definitions. Paths are
 * below the v1 prefix (`/badge-definitions` is served at `/api/v1/badge-definitions`).
 *
 * @since 0.1.0
 */
import { Description, HttpUrl, Label, Name, Rule } from "@badge-engine/core"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { Authentication } from "./Credentials.js"
import { V1Error } from "./Errors.js"
import { BooleanParam, IdParam, LimitParam, PageParam, Pagination, Timestamp } from "./Schemas.js"

/** A definition's machine criteria, e.g. `{ "type": "session_count", "threshold": 1 }`. */
export const Criteria = Rule.annotations({ identifier: "Criteria" })

/** A badge definition as the v1 contract returns it. */
export const BadgeDefinitionJson = Schema.Struct({
  id: Schema.String,
  organisation_id: Schema.String,
  name: Schema.String,
  description: Schema.String,
  icon_url: Schema.NullOr(Schema.String),
  locked_icon_url: Schema.NullOr(Schema.String),
  criteria: Schema.NullOr(Criteria),
  category: Schema.NullOr(Schema.String),
  is_active: Schema.Boolean,
  earned_count: Schema.optional(Schema.Int),
  criteria_error: Schema.optional(
    Schema.Struct({ message: Schema.String, since: Timestamp }).annotations({
      identifier: "CriteriaError",
      description: "Why the criteria could not be evaluated: skipped until they evaluate again or change"
    })
  ),
  created_at: Timestamp,
  updated_at: Timestamp
}).annotations({ identifier: "BadgeDefinition" })

/** The body of a create. */
export const CreateBadgeDefinition = Schema.Struct({
  organisation_id: Schema.optional(IdParam),
  name: Name,
  description: Schema.optional(Description),
  icon_url: Schema.optional(HttpUrl),
  locked_icon_url: Schema.optional(HttpUrl),
  criteria: Schema.optional(Schema.NullOr(Criteria)),
  category: Schema.optional(Schema.NullOr(Label)),
  is_active: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "CreateBadgeDefinition" })

/** The body of an update: absent fields stay as they are; `null` clears an optional one. */
export const UpdateBadgeDefinition = Schema.Struct({
  name: Schema.optional(Name),
  description: Schema.optional(Description),
  icon_url: Schema.optional(Schema.NullOr(HttpUrl)),
  locked_icon_url: Schema.optional(Schema.NullOr(HttpUrl)),
  criteria: Schema.optional(Schema.NullOr(Criteria)),
  category: Schema.optional(Schema.NullOr(Label)),
  is_active: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "UpdateBadgeDefinition" })

const idPath = HttpApiSchema.param("id", IdParam)

/** The badge definitions group. */
export class BadgeDefinitionsApi extends HttpApiGroup.make("badgeDefinitions")
  .add(
    HttpApiEndpoint.get("list", "/badge-definitions")
      .setUrlParams(Schema.Struct({
        organisation_id: Schema.optional(IdParam),
        page: Schema.optional(PageParam),
        limit: Schema.optional(LimitParam),
        category: Schema.optional(Schema.String),
        is_active: Schema.optional(BooleanParam)
      }))
      .addSuccess(Schema.Struct({ data: Schema.Array(BadgeDefinitionJson), pagination: Pagination }))
      .annotate(OpenApi.Summary, "List an organisation's badge definitions (admin, coordinator)")
  )
  .add(
    HttpApiEndpoint.get("get")`/badge-definitions/${idPath}`
      .addSuccess(BadgeDefinitionJson)
      .annotate(OpenApi.Summary, "Get a badge definition by id (admin, coordinator, peer_mentor)")
  )
  .add(
    HttpApiEndpoint.post("create", "/badge-definitions")
      .setPayload(CreateBadgeDefinition)
      .addSuccess(BadgeDefinitionJson, { status: 201 })
      .annotate(OpenApi.Summary, "Create a badge definition (admin)")
  )
  .add(
    HttpApiEndpoint.put("update")`/badge-definitions/${idPath}`
      .setPayload(UpdateBadgeDefinition)
      .addSuccess(BadgeDefinitionJson)
      .annotate(OpenApi.Summary, "Update a badge definition; absent fields stay as they are (admin)")
  )
  .add(
    HttpApiEndpoint.del("delete")`/badge-definitions/${idPath}`
      .addSuccess(Schema.Struct({ id: Schema.String, deleted: Schema.Literal(true), deleted_at: Timestamp }))
      .annotate(OpenApi.Summary, "Soft-delete a badge definition; its earned records stay (admin)")
  )
  .addError(V1Error)
  .middleware(Authentication)
{}
