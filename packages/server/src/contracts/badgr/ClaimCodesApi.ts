/**
 * Badgr's claim codes of a BadgeClass under `/v2`: the engine's claim codes, named in the path by the code itself.
 * A code the server cannot show again (made before codes were derived) reads with `code` and `claimUrl` null.
 *
 * @since 0.1.0
 */
import { IsoTimestamp } from "@badge-engine/core"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { BearerAuthentication } from "./Credentials.js"
import { BadgrError } from "./Errors.js"

/** A claim code as Badgr prints it. */
export const ClaimCodeJson = Schema.Struct({
  code: Schema.NullOr(Schema.String),
  label: Schema.NullOr(Schema.String),
  limit: Schema.NullOr(Schema.Int),
  uses: Schema.Int,
  expirationDate: Schema.NullOr(Schema.String),
  enabled: Schema.Boolean,
  archived: Schema.Boolean,
  createdAt: Schema.String,
  claimUrl: Schema.NullOr(Schema.String)
}).annotations({ identifier: "BadgrClaimCode" })

/** The envelope of claim codes; `claimCodeCount` when asked for. */
export const ClaimCodes = Schema.Struct({
  status: Schema.Struct({ success: Schema.Literal(true), description: Schema.String }),
  result: Schema.Array(ClaimCodeJson),
  claimCodeCount: Schema.optional(Schema.Int)
}).annotations({ identifier: "BadgrClaimCodes" })

/** What a client sends to make or change a code: absent fields stay as they are on a change, null clears. */
export const ClaimCodeInput = Schema.Struct({
  label: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.maxLength(255)))),
  limit: Schema.optional(Schema.NullOr(Schema.Int.pipe(Schema.between(1, 1_000_000_000)))),
  expirationDate: Schema.optional(Schema.NullOr(IsoTimestamp))
}).annotations({ identifier: "BadgrClaimCodeInput" })

/** `includeClaimCodeCount` on a listing. */
export const ListParams = Schema.Struct({
  includeClaimCodeCount: Schema.optional(
    Schema.Literal("true", "false").annotations({ message: () => "must be true or false" })
  )
})

const idOrEntityId = HttpApiSchema.param("idOrEntityId", Schema.String)
const claimCode = HttpApiSchema.param("claimCode", Schema.String)

/** The claim codes group. */
export class ClaimCodesApi extends HttpApiGroup.make("badgrClaimCodes")
  .add(
    HttpApiEndpoint.get("list")`/badgeclasses/${idOrEntityId}/claim-codes`.setUrlParams(ListParams)
      .addSuccess(ClaimCodes)
      .annotate(OpenApi.Summary, "A BadgeClass's claim codes (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.post("create")`/badgeclasses/${idOrEntityId}/claim-codes`.setPayload(ClaimCodeInput)
      .addSuccess(ClaimCodes, { status: 201 })
      .annotate(OpenApi.Summary, "Make a claim code for a BadgeClass (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.put("update")`/badgeclasses/${idOrEntityId}/claim-codes/${claimCode}`.setPayload(ClaimCodeInput)
      .addSuccess(ClaimCodes)
      .annotate(OpenApi.Summary, "Change a claim code's label, limit or expiry (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.del("archive")`/badgeclasses/${idOrEntityId}/claim-codes/${claimCode}`.addSuccess(ClaimCodes)
      .annotate(OpenApi.Summary, "Archive a claim code for good (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.patch("enable")`/badgeclasses/${idOrEntityId}/claim-codes/${claimCode}/enable`
      .addSuccess(ClaimCodes)
      .annotate(OpenApi.Summary, "Enable a claim code (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.patch("disable")`/badgeclasses/${idOrEntityId}/claim-codes/${claimCode}/disable`
      .addSuccess(ClaimCodes)
      .annotate(OpenApi.Summary, "Disable a claim code (rw:issuer, admin)")
  )
  .addError(BadgrError)
  .middleware(BearerAuthentication)
{}
