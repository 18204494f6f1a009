/**
 * The error shape of the v1 contracts, one for every status:
 * `{ "error": { "code": "invalid_request", "message": "name: must not be empty", "field": "name" } }`.
 * `field` names the offending body field, query parameter or path parameter when there is one.
 *
 * @since 0.1.0
 */
import type * as HttpApiError from "@effect/platform/HttpApiError"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Schema } from "effect"
import type { ErrorShape } from "../Contract.js"

/** The body of one status: its codes are its own, so every error is told apart by its shape. */
const errorOf = <const Codes extends ReadonlyArray<string>>(...codes: Codes) => ({
  error: Schema.Struct({
    code: Schema.Literal(...codes),
    message: Schema.String,
    field: Schema.optional(Schema.String)
  })
})

const body = <C extends string>(code: C, message: string, field?: string) => ({
  error: field === undefined ? { code, message } : { code, message, field }
})

/** 400: the request is malformed or breaks a rule; `field` names what is wrong. */
export class BadRequest
  extends Schema.Class<BadRequest>("BadRequest")(errorOf("invalid_request"), HttpApiSchema.annotations({ status: 400 }))
{}

/** 401: no credentials, or credentials that are not valid. */
export class Unauthorized extends Schema.Class<Unauthorized>("Unauthorized")(
  errorOf("unauthorized"),
  HttpApiSchema.annotations({ status: 401 })
) {}

/** 403: the principal may not do this. */
export class Forbidden
  extends Schema.Class<Forbidden>("Forbidden")(errorOf("forbidden"), HttpApiSchema.annotations({ status: 403 }))
{}

/** 404: no such record (or none the principal may see). */
export class NotFound
  extends Schema.Class<NotFound>("NotFound")(errorOf("not_found"), HttpApiSchema.annotations({ status: 404 }))
{}

/** 409: the write conflicts with an existing record. */
export class Conflict extends Schema.Class<Conflict>("Conflict")(
  errorOf("conflict", "award_limit_reached", "definition_inactive", "claim_code_unavailable"),
  HttpApiSchema.annotations({ status: 409 })
) {}

/** 413: the request body is larger than the server accepts. */
export class PayloadTooLarge extends Schema.Class<PayloadTooLarge>("PayloadTooLarge")(
  errorOf("payload_too_large"),
  HttpApiSchema.annotations({ status: 413 })
) {}

/** 503: the server cannot reach its storage right now. */
export class Unavailable extends Schema.Class<Unavailable>("Unavailable")(
  errorOf("unavailable"),
  HttpApiSchema.annotations({ status: 503 })
) {}

/** Every v1 error: each v1 group declares them all, before its credentials (the order the document lists them in). */
export const V1Error = Schema.Union(
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  PayloadTooLarge,
  Unavailable
)

/** A 400 naming the field. */
export const badRequest = (message: string, field?: string) => new BadRequest(body("invalid_request", message, field))
/** A 401. */
export const unauthorized = (message: string) => new Unauthorized(body("unauthorized", message))
/** A 403. */
export const forbidden = (message: string) => new Forbidden(body("forbidden", message))
/** A 404. */
export const notFound = (message: string) => new NotFound(body("not_found", message))
/** A 409. */
export const conflict = (
  message: string,
  code: "conflict" | "award_limit_reached" | "definition_inactive" | "claim_code_unavailable" = "conflict"
) => new Conflict(body(code, message))
/** A 413. */
export const payloadTooLarge = (limit: number) =>
  new PayloadTooLarge(body("payload_too_large", `request body is larger than ${limit} bytes`))
/** A 503. */
export const unavailable = () => new Unavailable(body("unavailable", "storage is unavailable, try again"))

/** A 400 for a request that did not match its schemas, naming the first offending field (`body` for the whole). */
const invalidRequest = (error: HttpApiError.HttpApiDecodeError) => {
  const issue = error.issues[0]
  const field = issue === undefined || issue.path.length === 0 ? "body" : issue.path.map(String).join(".")
  return badRequest(`${field}: ${issue?.message ?? "is not valid"}`, field)
}

const answer = (status: number, error: { readonly error: unknown }) =>
  HttpServerResponse.unsafeJson({ error: error.error }, { status })

/** What never reaches a v1 handler, answered in v1's shape. */
export const errorShape: ErrorShape = {
  invalidRequest: (error) => answer(400, invalidRequest(error)),
  malformedBody: () => answer(400, badRequest("body: is not valid JSON", "body")),
  payloadTooLarge: (maxBodyBytes) => answer(413, payloadTooLarge(maxBodyBytes)),
  routeNotFound: (method, path) => answer(404, notFound(`no route ${method} ${path}`)),
  unsupportedMediaType: () =>
    HttpServerResponse.unsafeJson({
      error: { code: "unsupported_media_type", message: "body: must be sent as application/json", field: "body" }
    }, { status: 415 }),
  headersTooLarge: (limit) =>
    HttpServerResponse.unsafeJson({
      error: { code: "headers_too_large", message: `request headers are larger than ${limit} bytes` }
    }, { status: 431 })
}
