/**
 * Badgr's Assertions under `/v2`: the engine's awards of the token's organisation, however they were made (a rule,
 * v1, a claim code, or here). Listings page by cursor: `num` a page, the next and previous in a `Link` header
 * (`rel="next"`, `rel="prev"`: `after` and `before` the awards' serials).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { AssertionInput, AssertionJson, RevocationInput } from "./AssertionJson.js"
import { BearerAuthentication } from "./Credentials.js"
import { BadgrError } from "./Errors.js"
import { Envelope } from "./Json.js"

/** The envelope of Assertions. */
export const Assertions = Envelope(AssertionJson, "BadgrAssertions")

const Flag = Schema.Literal("true", "false").annotations({ message: () => "must be true or false" })
const Cursor = Schema.String.pipe(Schema.pattern(/^[1-9][0-9]{0,15}$/)).annotations({
  message: () => "must be a cursor from a Link header"
})

/** The filters and paging of a listing. */
export const ListParams = Schema.Struct({
  recipient: Schema.optional(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  include_expired: Schema.optional(Flag),
  include_revoked: Schema.optional(Flag),
  num: Schema.optional(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 100)).annotations({
      message: () => "must be an integer from 1 to 100"
    })
  ),
  after: Schema.optional(Cursor),
  before: Schema.optional(Cursor)
})

const idOrEntityId = HttpApiSchema.param("idOrEntityId", Schema.String)
const entityId = HttpApiSchema.param("entityId", Schema.String)

/** The Assertions group. */
export class AssertionsApi extends HttpApiGroup.make("badgrAssertions")
  .add(
    HttpApiEndpoint.get("listOfBadgeClass")`/badgeclasses/${idOrEntityId}/assertions`.setUrlParams(ListParams)
      .addSuccess(Assertions)
      .annotate(OpenApi.Summary, "A BadgeClass's Assertions, by cursor (r:issuer)")
  )
  .add(
    HttpApiEndpoint.post("issueOfBadgeClass")`/badgeclasses/${idOrEntityId}/assertions`.setPayload(AssertionInput)
      .addSuccess(Assertions, { status: 201 })
      .annotate(OpenApi.Summary, "Issue an Assertion of a BadgeClass (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.get("listOfIssuer")`/issuers/${entityId}/assertions`.setUrlParams(ListParams)
      .addSuccess(Assertions)
      .annotate(OpenApi.Summary, "An issuer's Assertions, by cursor (r:issuer)")
  )
  .add(
    HttpApiEndpoint.post("issueOfIssuer")`/issuers/${entityId}/assertions`.setPayload(AssertionInput)
      .addSuccess(Assertions, { status: 201 })
      .annotate(OpenApi.Summary, "Issue an Assertion of a BadgeClass (badgeclass or badgeclassOpenBadgeId) (rw:issuer)")
  )
  .add(
    HttpApiEndpoint.get("get")`/assertions/${entityId}`.addSuccess(Assertions)
      .annotate(OpenApi.Summary, "One Assertion (r:issuer)")
  )
  .add(
    HttpApiEndpoint.del("revoke")`/assertions/${entityId}`.setPayload(RevocationInput).addSuccess(Assertions)
      .annotate(OpenApi.Summary, "Revoke an Assertion with a reason; revoking twice is 400 (rw:issuer, admin)")
  )
  .addError(BadgrError)
  .middleware(BearerAuthentication)
{}
