/**
 * BadgeFed's badges: the organisation's badge definitions as BadgeFed prints them, under `/api/badges`.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { ApiKeyAuthentication } from "./Credentials.js"
import { BadgeFedError } from "./Errors.js"

/** Who issues a badge: the organisation the API key acts for. */
export const IssuerJson = Schema.Struct({
  id: Schema.Int.annotations({ description: "Stable: derived from the organisation's id, which never changes" }),
  fullName: Schema.String,
  username: Schema.String,
  domain: Schema.String
}).annotations({ identifier: "BadgeFedIssuer" })

/** A badge as BadgeFed prints it. */
export const BadgeJson = Schema.Struct({
  id: Schema.Int,
  title: Schema.String,
  description: Schema.String,
  badgeType: Schema.String,
  earningCriteria: Schema.String,
  image: Schema.String,
  imageAltText: Schema.String,
  hashtags: Schema.String,
  infoUri: Schema.NullOr(Schema.String),
  isCertificate: Schema.Boolean,
  issuer: IssuerJson
}).annotations({ identifier: "BadgeFedBadge" })

const badgeId = HttpApiSchema.param("badgeId", Schema.String)

/** The badges group. */
export class BadgesApi extends HttpApiGroup.make("badgefedBadges")
  .add(
    HttpApiEndpoint.get("list", "/")
      .addSuccess(Schema.Struct({ success: Schema.Literal(true), count: Schema.Int, badges: Schema.Array(BadgeJson) }))
      .annotate(OpenApi.Summary, "List the organisation's active badges (admin, coordinator)")
  )
  .add(
    HttpApiEndpoint.get("get")`/${badgeId}`
      .addSuccess(Schema.Struct({ success: Schema.Literal(true), badge: BadgeJson }))
      .annotate(OpenApi.Summary, "Get one of the organisation's badges by id (admin, coordinator, peer_mentor)")
  )
  .addError(BadgeFedError)
  .middleware(ApiKeyAuthentication)
{}
