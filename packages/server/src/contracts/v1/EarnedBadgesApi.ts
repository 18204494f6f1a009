/**
 * The contract of `earned-badges-v1`, with revocation beside it. Paths are below the v1 prefix.
 *
 * @since 0.1.0
 */
import { IsoTimestamp } from "@badge-engine/core"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { Authentication } from "./Credentials.js"
import { V1Error } from "./Errors.js"
import { IdParam, LimitParam, PageParam, Pagination, PeerMentorId, Timestamp } from "./Schemas.js"

/** An earned badge as the v1 contract returns it. */
export const EarnedBadgeJson = Schema.Struct({
  id: Schema.String,
  badge_definition_id: Schema.String,
  peer_mentor_id: Schema.String,
  awarded_at: Timestamp,
  awarded_by: Schema.String,
  revoked_at: Schema.NullOr(Timestamp),
  revocation_reason: Schema.optional(Schema.String),
  expires_at: Schema.optional(Timestamp)
}).annotations({ identifier: "EarnedBadge" })

/** An earned badge in an organisation's listing (the seed prints it without `awarded_by`). */
export const OrganisationEarnedBadgeJson = EarnedBadgeJson.pipe(Schema.omit("awarded_by")).annotations({
  identifier: "OrganisationEarnedBadge"
})

/** The body of a create. */
export const CreateEarnedBadge = Schema.Struct({
  badge_definition_id: IdParam,
  peer_mentor_id: PeerMentorId,
  awarded_at: Schema.optional(IsoTimestamp),
  awarded_by: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255)))
}).annotations({ identifier: "CreateEarnedBadge" })

const page = { page: Schema.optional(PageParam), limit: Schema.optional(LimitParam) }

/** The earned badges group. */
export class EarnedBadgesApi extends HttpApiGroup.make("earnedBadges")
  .add(
    HttpApiEndpoint.get("list", "/earned-badges")
      .setUrlParams(Schema.Struct({ peer_mentor_id: PeerMentorId, organisation_id: Schema.optional(IdParam), ...page }))
      .addSuccess(Schema.Struct({ data: Schema.Array(EarnedBadgeJson), pagination: Pagination }))
      .annotate(OpenApi.Summary, "Earned badges of a peer mentor, revoked ones included (system)")
  )
  .add(
    HttpApiEndpoint.get("byOrganisation", "/earned-badges/by-organisation")
      .setUrlParams(Schema.Struct({ organisation_id: Schema.optional(IdParam), ...page }))
      .addSuccess(Schema.Struct({ data: Schema.Array(OrganisationEarnedBadgeJson), pagination: Pagination }))
      .annotate(OpenApi.Summary, "Earned badges of an organisation (system, admin)")
  )
  .add(
    HttpApiEndpoint.get("exists", "/earned-badges/exists")
      .setUrlParams(Schema.Struct({ peer_mentor_id: PeerMentorId, badge_definition_id: IdParam }))
      .addSuccess(Schema.Struct({ exists: Schema.Boolean, earned_badge_id: Schema.NullOr(Schema.String) }))
      .annotate(OpenApi.Summary, "Whether a peer mentor holds a live award of a definition (system)")
  )
  .add(
    HttpApiEndpoint.post("create", "/earned-badges")
      .setPayload(CreateEarnedBadge)
      .addSuccess(EarnedBadgeJson, { status: 201 })
      .annotate(OpenApi.Summary, "Record an earned badge; 409 when a unique badge is already held (system)")
  )
  .add(
    HttpApiEndpoint.post("revoke")`/earned-badges/${HttpApiSchema.param("id", IdParam)}/revoke`
      .setPayload(Schema.Struct({ reason: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(2000)) }))
      .addSuccess(EarnedBadgeJson)
      .annotate(OpenApi.Summary, "Revoke an earned badge with a reason; the record stays (admin)")
  )
  .addError(V1Error)
  .middleware(Authentication)
{}
