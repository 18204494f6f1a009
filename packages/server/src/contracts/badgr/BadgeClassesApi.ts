/**
 * Badgr's BadgeClasses under `/v2`: the engine's badge definitions of the token's organisation. `idOrEntityId` is
 * the entityId or the integer serial; `ref` the URL-safe base64 of the openBadgeId.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { BadgeClassInput, BadgeClassJson, BadgeClassUpdate } from "./BadgeClassJson.js"
import { BearerAuthentication } from "./Credentials.js"
import { BadgrError } from "./Errors.js"
import { Envelope } from "./Json.js"

/** The envelope of BadgeClasses. */
export const BadgeClasses = Envelope(BadgeClassJson, "BadgrBadgeClasses")

const Flag = Schema.Literal("true", "false").annotations({ message: () => "must be true or false" })

/** `include_archived` on reads (default false). */
export const ReadParams = Schema.Struct({ include_archived: Schema.optional(Flag) })

/** `hard_delete` and `archivalNote` on DELETE. */
export const DeleteParams = Schema.Struct({
  hard_delete: Schema.optional(Flag),
  archivalNote: Schema.optional(Schema.String.pipe(Schema.maxLength(2000)))
})

/** The body of a duplicate. */
export const DuplicateInput = Schema.Struct({ newName: BadgeClassInput.fields.name }).annotations({
  identifier: "BadgrDuplicateInput"
})

const idOrEntityId = HttpApiSchema.param("idOrEntityId", Schema.String)
const ref = HttpApiSchema.param("ref", Schema.String)
const issuerId = HttpApiSchema.param("entityId", Schema.String)

/** The BadgeClasses group. */
export class BadgeClassesApi extends HttpApiGroup.make("badgrBadgeClasses")
  .add(
    HttpApiEndpoint.get("list", "/badgeclasses").setUrlParams(ReadParams).addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "The organisation's BadgeClasses (r:issuer)")
  )
  .add(
    HttpApiEndpoint.post("create", "/badgeclasses").setPayload(BadgeClassInput)
      .addSuccess(BadgeClasses, { status: 201 })
      .annotate(OpenApi.Summary, "Create a BadgeClass of an issuer (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.get("listOfIssuer")`/issuers/${issuerId}/badgeclasses`.setUrlParams(ReadParams)
      .addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "An issuer's BadgeClasses (r:issuer)")
  )
  .add(
    HttpApiEndpoint.post("createOfIssuer")`/issuers/${issuerId}/badgeclasses`.setPayload(BadgeClassUpdate)
      .addSuccess(BadgeClasses, { status: 201 })
      .annotate(OpenApi.Summary, "Create a BadgeClass of this issuer (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.get("get")`/badgeclasses/${idOrEntityId}`.setUrlParams(ReadParams).addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "One BadgeClass by entityId or serial (r:issuer)")
  )
  .add(
    HttpApiEndpoint.put("update")`/badgeclasses/${idOrEntityId}`.setPayload(BadgeClassUpdate)
      .addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "Replace a BadgeClass's fields (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.del("delete")`/badgeclasses/${idOrEntityId}`.setUrlParams(DeleteParams)
      .annotate(OpenApi.Summary, "Archive a BadgeClass; hard_delete=true removes one never awarded (rw:issuer)")
  )
  .add(
    HttpApiEndpoint.get("getByRef")`/badgeclasses/ref/${ref}`.setUrlParams(ReadParams).addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "One BadgeClass by the base64url of its openBadgeId (r:issuer)")
  )
  .add(
    HttpApiEndpoint.put("updateByRef")`/badgeclasses/ref/${ref}`.setPayload(BadgeClassUpdate)
      .addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "Replace a BadgeClass's fields, by ref (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.del("deleteByRef")`/badgeclasses/ref/${ref}`.setUrlParams(DeleteParams)
      .annotate(OpenApi.Summary, "Archive (or hard-delete) a BadgeClass, by ref (rw:issuer)")
  )
  .add(
    HttpApiEndpoint.post("duplicate")`/badgeclasses/${idOrEntityId}/duplicate`.setPayload(DuplicateInput)
      .addSuccess(BadgeClasses, { status: 201 })
      .annotate(OpenApi.Summary, "Copy a BadgeClass under a new name (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.post("reactivate")`/badgeclasses/reactivate/${idOrEntityId}`.addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "Un-archive a BadgeClass (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.post("reactivateByRef")`/badgeclasses/reactivate/ref/${ref}`.addSuccess(BadgeClasses)
      .annotate(OpenApi.Summary, "Un-archive a BadgeClass, by ref (rw:issuer, admin)")
  )
  .addError(BadgrError)
  .middleware(BearerAuthentication)
{}
