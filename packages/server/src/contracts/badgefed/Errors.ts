/**
 * The error shape of the BadgeFed contract, one for every status: `{ "error": "Badge not found" }`, the message
 * worded as BadgeFed words it where it has one.
 *
 * @since 0.1.0
 */
import type * as HttpApiError from "@effect/platform/HttpApiError"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Data, Schema } from "effect"
import type { ErrorShape } from "../Contract.js"

/**
 * An error class and its wire schema. HttpApi picks an error's status by the first schema that encodes it, and a
 * `Schema.Class` encodes any value of its shape: these all share `{ error }`, so each schema accepts only instances
 * of its own class.
 */
const wire = <A extends { readonly error: string }>(
  self: new(args: { readonly error: string }) => A,
  identifier: string,
  status: number,
  description: string
) =>
  Schema.transform(Schema.Struct({ error: Schema.String }), Schema.instanceOf(self), {
    strict: true,
    decode: ({ error }) => new self({ error }),
    encode: ({ error }) => ({ error })
  }).annotations({ identifier, description, ...HttpApiSchema.annotations({ status }) })

/** 400: the request breaks a rule of the contract. */
export class BadRequest extends Data.TaggedError("BadgeFedBadRequest")<{ readonly error: string }> {}
/** 401: no API key, or one that is not valid. */
export class Unauthorized extends Data.TaggedError("BadgeFedUnauthorized")<{ readonly error: string }> {}
/** 403: the key's role may not do this, or the key acts for no organisation. */
export class Forbidden extends Data.TaggedError("BadgeFedForbidden")<{ readonly error: string }> {}
/** 404: no such badge or grant (or none of the key's organisation), or no such route. */
export class NotFound extends Data.TaggedError("BadgeFedNotFound")<{ readonly error: string }> {}
/** 409: the badge was already granted to the recipient and accepted, or can no longer be granted. */
export class Conflict extends Data.TaggedError("BadgeFedConflict")<{ readonly error: string }> {}
/** 415: a grant's body is not sent as JSON (`curl -d` without the header sends a form). */
export class UnsupportedMediaType
  extends Data.TaggedError("BadgeFedUnsupportedMediaType")<{ readonly error: string }>
{}
/** 413: the request body is larger than the server accepts. */
export class PayloadTooLarge extends Data.TaggedError("BadgeFedPayloadTooLarge")<{ readonly error: string }> {}
/** 503: the server cannot reach its storage right now. */
export class Unavailable extends Data.TaggedError("BadgeFedUnavailable")<{ readonly error: string }> {}

/** 401 on the wire. */
export const UnauthorizedJson = wire(Unauthorized, "BadgeFedUnauthorized", 401, "No API key, or one that is not valid")
/** 503 on the wire. */
export const UnavailableJson = wire(Unavailable, "BadgeFedUnavailable", 503, "Storage is unavailable; try again")

/** Every BadgeFed error on the wire: each group declares them all. */
export const BadgeFedError = Schema.Union(
  wire(BadRequest, "BadgeFedBadRequest", 400, "The request breaks a rule of the contract"),
  UnauthorizedJson,
  wire(Forbidden, "BadgeFedForbidden", 403, "The key may not do this, or acts for no organisation"),
  wire(NotFound, "BadgeFedNotFound", 404, "No such badge or grant of the key's organisation"),
  wire(Conflict, "BadgeFedConflict", 409, "Granted and accepted already, or no longer grantable"),
  wire(PayloadTooLarge, "BadgeFedPayloadTooLarge", 413, "The body is over the limit"),
  wire(UnsupportedMediaType, "BadgeFedUnsupportedMediaType", 415, "The body is not sent as application/json"),
  UnavailableJson
)

/** BadgeFed's words for a request without a key. */
export const apiKeyRequired = "API key is required. Provide it via X-ApiKey header or apiKey query parameter."
/** BadgeFed's words for a key that is not valid. */
export const invalidApiKey = "Invalid API key."

/** A 400. */
export const badRequest = (error: string) => new BadRequest({ error })
/** A 401. */
export const unauthorized = (error: string) => new Unauthorized({ error })
/** A 403. */
export const forbidden = (error: string) => new Forbidden({ error })
/** A 404. */
export const notFound = (error: string) => new NotFound({ error })
/** A 409. */
export const conflict = (error: string) => new Conflict({ error })
/** A 413. */
export const payloadTooLarge = (limit: number) =>
  new PayloadTooLarge({ error: `The request body is larger than ${limit} bytes.` })
/** A 415: the words BadgeFed's clients are told when the body is not JSON. */
export const notJson = () => new UnsupportedMediaType({ error: "Content-Type must be application/json" })
/** A 503. */
export const unavailable = () => new Unavailable({ error: "The service is unavailable right now. Try again later." })

/** A 400 for a request that did not match its schemas, naming where. */
const invalidRequest = (error: HttpApiError.HttpApiDecodeError) => {
  const issue = error.issues[0]
  const field = issue === undefined || issue.path.length === 0 ? "body" : issue.path.map(String).join(".")
  return badRequest(`Invalid ${field}: ${issue?.message ?? "is not valid"}`)
}

const answer = (status: number, error: { readonly error: string }) =>
  HttpServerResponse.unsafeJson({ error: error.error }, { status })

/** What never reaches a BadgeFed handler, answered in BadgeFed's shape. */
export const errorShape: ErrorShape = {
  invalidRequest: (error) => answer(400, invalidRequest(error)),
  malformedBody: () => answer(400, badRequest("The request body is not valid JSON.")),
  payloadTooLarge: (maxBodyBytes) => answer(413, payloadTooLarge(maxBodyBytes)),
  routeNotFound: (method, path) => answer(404, notFound(`No route ${method} ${path}.`)),
  unsupportedMediaType: () => answer(415, notJson()),
  headersTooLarge: (limit) =>
    HttpServerResponse.unsafeJson({ error: `The request headers are larger than ${limit} bytes.` }, { status: 431 })
}
