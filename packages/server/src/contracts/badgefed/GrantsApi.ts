/**
 * BadgeFed's grants: offer a badge to a recipient, who accepts it through a link, and read a grant's status.
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

/**
 * The body of a grant. It is read as any JSON and checked by hand, in BadgeFed's order and words (see
 * `GrantRequest.ts`); the schema below is what the document shows.
 */
export const GrantRequestJson = Schema.Unknown.annotations({
  identifier: "BadgeFedGrantRequest",
  jsonSchema: {
    type: "object",
    required: ["badgeId"],
    properties: {
      badgeId: { type: "integer", minimum: 1, description: "The badge's id" },
      profileUri: { type: "string", maxLength: 500, description: "The recipient's ActivityPub profile (http/https)" },
      name: { type: "string", maxLength: 200, description: "The recipient's display name" },
      email: { type: "string", maxLength: 254, description: "The recipient's email address" },
      evidence: {
        type: "string",
        maxLength: 2000,
        description: "Why the badge is granted; the badge's earning criteria when absent"
      }
    },
    description: "profileUri or email, or both, name the recipient"
  }
})

/** The grant a request made, or the pending one it found. */
export const BadgeRecordJson = Schema.Struct({
  id: Schema.Int.annotations({ description: "The grant's serial; its status can be asked by it" }),
  title: Schema.String,
  issuedBy: Schema.String,
  issuedOn: Schema.String,
  issuedToName: Schema.NullOr(Schema.String),
  issuedToSubjectUri: Schema.String,
  earningCriteria: Schema.String
}).annotations({ identifier: "BadgeFedBadgeRecord" })

/** A grant's status: a revoked grant is not found. */
export const GrantStatusJson = Schema.Struct({
  success: Schema.Literal(true),
  noteId: Schema.String,
  profileUri: Schema.String,
  badgeId: Schema.Int,
  status: Schema.Literal("pending", "accepted", "processed", "external")
}).annotations({ identifier: "BadgeFedGrantStatus" })

const noteId = HttpApiSchema.param("noteId", Schema.String)

/** The grants group. */
export class GrantsApi extends HttpApiGroup.make("badgefedGrants")
  .add(
    HttpApiEndpoint.post("grant", "/grant")
      .setPayload(GrantRequestJson)
      .addSuccess(Schema.Struct({
        success: Schema.Literal(true),
        message: Schema.Literal("Badge granted successfully"),
        acceptUrl: Schema.String,
        badgeRecord: BadgeRecordJson
      }))
      .annotate(
        OpenApi.Summary,
        "Grant a badge to a recipient (a JSON body); while a grant to them is pending, that one is answered (admin)"
      )
  )
  .add(
    HttpApiEndpoint.get("status")`/grant/${noteId}/status`
      .addSuccess(GrantStatusJson)
      .annotate(
        OpenApi.Summary,
        "A grant's status, by its note id, the id's last segment, or its badge record's id (admin)"
      )
  )
  .addError(BadgeFedError)
  .middleware(ApiKeyAuthentication)
{}
