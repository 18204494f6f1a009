/**
 * Badgr's issuers under `/v2/issuers`: the issuers of the token's organisation.
 *
 * @since 0.1.0
 */
import { Description, Email, HttpUrl, Name } from "@badge-engine/core"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { BearerAuthentication } from "./Credentials.js"
import { BadgrError } from "./Errors.js"
import { Envelope, IssuerJson } from "./Json.js"

/** What a client sends to create or update an issuer. */
export const IssuerInput = Schema.Struct({
  name: Name,
  email: Schema.optional(Email),
  url: Schema.optional(HttpUrl),
  description: Schema.optional(Description),
  image: Schema.optional(Schema.String)
}).annotations({ identifier: "BadgrIssuerInput" })

/** The envelope of issuers. */
export const Issuers = Envelope(IssuerJson, "BadgrIssuers")

const entityId = HttpApiSchema.param("entityId", Schema.String)

/** The issuers group. */
export class IssuersApi extends HttpApiGroup.make("badgrIssuers")
  .add(
    HttpApiEndpoint.get("list", "/issuers").addSuccess(Issuers)
      .annotate(OpenApi.Summary, "The organisation's issuers (r:issuer or rw:issuer)")
  )
  .add(
    HttpApiEndpoint.post("create", "/issuers").setPayload(IssuerInput).addSuccess(Issuers, { status: 201 })
      .annotate(OpenApi.Summary, "Create an issuer (rw:issuer, admin)")
  )
  .add(
    HttpApiEndpoint.get("get")`/issuers/${entityId}`.addSuccess(Issuers)
      .annotate(OpenApi.Summary, "One issuer by entityId")
  )
  .add(
    HttpApiEndpoint.put("update")`/issuers/${entityId}`.setPayload(IssuerInput).addSuccess(Issuers)
      .annotate(OpenApi.Summary, "Update an issuer (rw:issuer, admin)")
  )
  .addError(BadgrError)
  .middleware(BearerAuthentication)
{}
