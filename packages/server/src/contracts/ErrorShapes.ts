/**
 * Everything a client can get wrong answers in the contract's error shape: schema mismatches in the body, query
 * or path (400 naming the field), malformed JSON (400), bodies over the limit (413), unknown routes (404).
 */
import {
  HttpApiBuilder,
  HttpApiError,
  HttpIncomingMessage,
  HttpServerError,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { Cause, Effect, Option } from "effect"
import { badRequest, notFound, payloadTooLarge } from "./v1/Errors.js"

/** The largest request body accepted: 1 MiB is far above any definition or activity. */
export const defaultMaxBodyBytes = 1024 * 1024

const fromDecodeError = (error: HttpApiError.HttpApiDecodeError) => {
  const issue = error.issues[0]
  const field = issue === undefined || issue.path.length === 0 ? "body" : issue.path.map(String).join(".")
  return badRequest(`${field}: ${issue?.message ?? "is not valid"}`, field)
}

const answer = (status: number, error: { readonly error: unknown }) =>
  HttpServerResponse.unsafeJson({ error: error.error }, { status })

/** The middleware, for a body limit in bytes. */
export const layer = (maxBodyBytes: number = defaultMaxBodyBytes) =>
  HttpApiBuilder.middleware((app) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const declared = Number(request.headers["content-length"] ?? 0)
      if (declared > maxBodyBytes) return answer(413, payloadTooLarge(maxBodyBytes))
      return yield* app.pipe(HttpIncomingMessage.withMaxBodySize(Option.some(maxBodyBytes)))
    }).pipe(
      // The router's failures are untyped here: pick out the ones that are the client's doing.
      Effect.catchAllCause((cause) => {
        const error = Cause.squash(cause)
        if (error instanceof HttpApiError.HttpApiDecodeError) return Effect.succeed(answer(400, fromDecodeError(error)))
        if (HttpServerError.isServerError(error) && error._tag === "RequestError") {
          return Effect.succeed(
            String(error.cause).includes("maxBytes")
              ? answer(413, payloadTooLarge(maxBodyBytes))
              : answer(400, badRequest("body: is not valid JSON", "body"))
          )
        }
        if (HttpServerError.isServerError(error) && error._tag === "RouteNotFound") {
          const path = error.request.url.split("?")[0]
          return Effect.succeed(answer(404, notFound(`no route ${error.request.method} ${path}`)))
        }
        return Effect.failCause(cause)
      })
    )
  )
