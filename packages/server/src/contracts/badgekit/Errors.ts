/**
 * The error shape of the BadgeKit contract, in BadgeKit's words: `{ "code", "message" }`, with `details` on a
 * `ValidationError`, `parameter` on an `InvalidParameter`, and `error` plus `details` on a `ResourceConflict`.
 * Handlers fail with {@link BadgeKitError} and answer it as JSON at the edge.
 *
 * @since 0.1.0
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Data, Schema } from "effect"
import type { ErrorShape } from "../Contract.js"

/** One failing field of a `ValidationError`. */
export interface FieldError {
  readonly field: string
  readonly value: unknown
  readonly message: string
}

/** Any BadgeKit error: its status and its body as BadgeKit writes it. */
export class BadgeKitError extends Data.TaggedError("BadgeKitError")<{
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
}> {}

/** The error as an answer. */
export const toResponse = (error: BadgeKitError) => HttpServerResponse.unsafeJson(error.body, { status: error.status })

/** 400: the fields that failed, each named. */
export const validationError = (details: ReadonlyArray<FieldError>) =>
  new BadgeKitError({
    status: 400,
    body: { code: "ValidationError", message: "Could not validate required fields", details }
  })

/** 400: a query parameter that is not one of its values. */
export const invalidParameter = (parameter: string, message: string) =>
  new BadgeKitError({ status: 400, body: { code: "InvalidParameter", parameter, message } })

/** 400: a body that cannot be read as its content type says. */
export const invalidContent = (message: string) =>
  new BadgeKitError({ status: 400, body: { code: "InvalidContent", message } })

/** 403: any failure of the request's signature or key. */
export const notAuthorized = (message: string) =>
  new BadgeKitError({ status: 403, body: { code: "NotAuthorized", message } })

/** 404: `Could not find <entity> field: `slug`, value: `<slug>``. */
export const notFound = (entity: string, slug: string) =>
  new BadgeKitError({
    status: 404,
    body: { code: "ResourceNotFound", message: `Could not find ${entity} field: \`slug\`, value: \`${slug}\`` }
  })

/** 409: `<entity> with that `slug` already exists`, with what was sent. */
export const conflict = (entity: string, details: Readonly<Record<string, unknown>>) =>
  new BadgeKitError({
    status: 409,
    body: { code: "ResourceConflict", error: `${entity} with that \`slug\` already exists`, details }
  })

/** 409: a record that cannot be deleted while others hang under it; `details` counts them by kind. */
export const inUse = (entity: string, slug: string, details: Readonly<Record<string, number>>) =>
  new BadgeKitError({
    status: 409,
    body: {
      code: "ResourceConflict",
      error: `${entity} \`${slug}\` cannot be deleted while it has ${Object.keys(details).join(", ") || "records"}`,
      details
    }
  })

/** 413. */
export const payloadTooLarge = (limit: number) =>
  new BadgeKitError({
    status: 413,
    body: { code: "RequestEntityTooLarge", message: `The request body is larger than ${limit} bytes` }
  })

/** 503: storage is unavailable. */
export const unavailable = () =>
  new BadgeKitError({
    status: 503,
    body: { code: "ServiceUnavailable", message: "The service is unavailable right now; try again later" }
  })

const coded = <const F extends Schema.Struct.Fields>(code: string, status: number, description: string, more: F) =>
  Schema.Struct({ code: Schema.Literal(code), message: Schema.String, ...more }).annotations({
    identifier: `BadgeKit${code}`,
    description,
    ...HttpApiSchema.annotations({ status })
  })

/** BadgeKit's errors as the OpenAPI document shows them (handlers answer them as responses of their own). */
export const BadgeKitErrors = Schema.Union(
  coded("ValidationError", 400, "Fields that failed, each named", {
    details: Schema.Array(Schema.Struct({ field: Schema.String, value: Schema.Unknown, message: Schema.String }))
  }),
  coded("NotAuthorized", 403, "A missing, malformed, expired or wrongly signed token, or another system's key", {}),
  coded("ResourceNotFound", 404, "No such system, issuer, program or badge", {}),
  Schema.Struct({
    code: Schema.Literal("ResourceConflict"),
    error: Schema.String,
    details: Schema.Record({ key: Schema.String, value: Schema.Unknown })
  }).annotations({
    identifier: "BadgeKitResourceConflict",
    description: "The slug is taken, or a deleted record still has records under it",
    ...HttpApiSchema.annotations({ status: 409 })
  }),
  coded("ServiceUnavailable", 503, "Storage is unavailable; try again", {})
)

/** What never reaches a BadgeKit handler, answered in BadgeKit's shape. */
export const errorShape: ErrorShape = {
  invalidRequest: (error) => toResponse(invalidContent(error.message)),
  malformedBody: () => toResponse(invalidContent("The request body could not be read")),
  payloadTooLarge: (maxBodyBytes) => toResponse(payloadTooLarge(maxBodyBytes)),
  routeNotFound: (method, path) =>
    HttpServerResponse.unsafeJson({ code: "ResourceNotFound", message: `${method} ${path} does not exist` }, {
      status: 404
    }),
  unsupportedMediaType: () =>
    toResponse(
      new BadgeKitError({
        status: 415,
        body: { code: "UnsupportedMediaType", message: "This endpoint takes no multipart body" }
      })
    ),
  headersTooLarge: (limit) =>
    toResponse(
      new BadgeKitError({
        status: 431,
        body: { code: "RequestHeaderFieldsTooLarge", message: `The request headers are larger than ${limit} bytes` }
      })
    )
}
