/**
 * The error shape of the Badgr v2 contract, Badgr's envelope for every status: `{ "status": { "success": false,
 * "description" }, "result": [], "fieldErrors": { "name": ["..."] }, "validationErrors": ["..."] }`.
 *
 * @since 0.1.0
 */
import type * as HttpApiError from "@effect/platform/HttpApiError"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Data, Schema } from "effect"
import type { ErrorShape } from "../Contract.js"

/** What every Badgr error carries. */
export interface Fields {
  readonly description: string
  readonly fieldErrors: Readonly<Record<string, ReadonlyArray<string>>>
  readonly validationErrors: ReadonlyArray<string>
}

/** The envelope of an error on the wire. */
const Envelope = Schema.Struct({
  status: Schema.Struct({ success: Schema.Literal(false), description: Schema.String }),
  result: Schema.Tuple(),
  fieldErrors: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) }),
  validationErrors: Schema.Array(Schema.String)
})

/** An error's body. */
export const body = (error: Fields): typeof Envelope.Type => ({
  status: { success: false, description: error.description },
  result: [],
  fieldErrors: error.fieldErrors,
  validationErrors: error.validationErrors
})

/** An error class and its wire schema, accepting only its own class (they all share the envelope). */
const wire = <A extends Fields>(self: new(args: Fields) => A, identifier: string, status: number, what: string) =>
  Schema.transform(Envelope, Schema.instanceOf(self), {
    strict: true,
    decode: (json) =>
      new self({
        description: json.status.description,
        fieldErrors: json.fieldErrors,
        validationErrors: json.validationErrors
      }),
    encode: (error) => body(error)
  }).annotations({ identifier, description: what, ...HttpApiSchema.annotations({ status }) })

/** 400: the request is not valid. */
export class BadRequest extends Data.TaggedError("BadgrBadRequest")<Fields> {}
/** 401: no token, or one that is not valid. */
export class Unauthorized extends Data.TaggedError("BadgrUnauthorized")<Fields> {}
/** 403: the token lacks the scope (`insufficient_scope`) or the role the endpoint needs. */
export class Forbidden extends Data.TaggedError("BadgrForbidden")<Fields> {}
/** 404: no such entity of the token's organisation, or no such route. */
export class NotFound extends Data.TaggedError("BadgrNotFound")<Fields> {}
/** 413: the body is over the limit. */
export class PayloadTooLarge extends Data.TaggedError("BadgrPayloadTooLarge")<Fields> {}
/** 503: storage is unavailable. */
export class Unavailable extends Data.TaggedError("BadgrUnavailable")<Fields> {}

/** 401 on the wire. */
export const UnauthorizedJson = wire(Unauthorized, "BadgrUnauthorized", 401, "No token, or one that is not valid")
/** 403 on the wire. */
export const ForbiddenJson = wire(Forbidden, "BadgrForbidden", 403, "insufficient_scope, or a role that may not")
/** 503 on the wire. */
export const UnavailableJson = wire(Unavailable, "BadgrUnavailable", 503, "Storage is unavailable; try again")

/** Every Badgr error on the wire: each group declares them all. */
export const BadgrError = Schema.Union(
  wire(BadRequest, "BadgrBadRequest", 400, "The request is not valid"),
  UnauthorizedJson,
  ForbiddenJson,
  wire(NotFound, "BadgrNotFound", 404, "No such entity of the token's organisation"),
  wire(PayloadTooLarge, "BadgrPayloadTooLarge", 413, "The body is over the limit"),
  UnavailableJson
)

const fields = (description: string, more: Partial<Fields> = {}): Fields => ({
  description,
  fieldErrors: more.fieldErrors ?? {},
  validationErrors: more.validationErrors ?? []
})

/** A 400 naming the field at fault, or none. */
export const badRequest = (description: string, field?: string) =>
  new BadRequest(
    fields(
      description,
      field === undefined ? { validationErrors: [description] } : { fieldErrors: { [field]: [description] } }
    )
  )
/** A 401. */
export const unauthorized = (description: string) => new Unauthorized(fields(description))
/** A 403; `insufficient_scope` (RFC 6750) when a scope is missing. */
export const forbidden = (description: string) => new Forbidden(fields(description))
/** The 403 of a token without the scope an endpoint needs. */
export const insufficientScope = (scope: string) => forbidden(`insufficient_scope: this requires the scope ${scope}`)
/** A 404. */
export const notFound = (description = "Not found") => new NotFound(fields(description))
/** A 413. */
export const payloadTooLarge = (limit: number) =>
  new PayloadTooLarge(fields(`The request body is larger than ${limit} bytes`))
/** A 503. */
export const unavailable = () => new Unavailable(fields("The service is unavailable right now; try again later"))

/** A 400 for a request that did not match its schemas: each issue under its field, or as a validation error. */
const invalidRequest = (error: HttpApiError.HttpApiDecodeError) => {
  const fieldErrors: Record<string, Array<string>> = {}
  const validationErrors: Array<string> = []
  for (const issue of error.issues) {
    // The body's fields sit at the top of the path; path and query parameters likewise.
    const field = issue.path.map(String).join(".")
    if (field === "") validationErrors.push(issue.message)
    else (fieldErrors[field] ??= []).push(issue.message)
  }
  return new BadRequest(fields("Invalid request", { fieldErrors, validationErrors }))
}

const answer = (status: number, error: Fields) => HttpServerResponse.unsafeJson(body(error), { status })

/** What never reaches a Badgr handler, answered in Badgr's envelope. */
export const errorShape: ErrorShape = {
  invalidRequest: (error) => answer(400, invalidRequest(error)),
  malformedBody: () => answer(400, badRequest("The request body is not valid JSON")),
  payloadTooLarge: (maxBodyBytes) => answer(413, payloadTooLarge(maxBodyBytes)),
  routeNotFound: (method, path) => answer(404, notFound(`No route ${method} ${path}`)),
  unsupportedMediaType: () => answer(415, fields("The request body must be sent as application/json")),
  headersTooLarge: (limit) => answer(431, fields(`The request headers are larger than ${limit} bytes`))
}
