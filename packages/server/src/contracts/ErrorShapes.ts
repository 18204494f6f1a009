/**
 * The one middleware that answers what never reaches a handler, in the shape of the contract whose prefix the path
 * lies under: schema mismatches in the body, query or path, malformed JSON, bodies over the limit and unknown
 * routes. Paths under no contract's prefix answer in the fallback shape (health, docs, anything else), unless another
 * prefix has a shape of its own (the pages answer in HTML).
 *
 * @since 0.1.0
 */
import {
  HttpApiBuilder,
  HttpApiError,
  HttpIncomingMessage,
  HttpServerError,
  HttpServerRequest,
  Multipart
} from "@effect/platform"
import { Cause, Effect, Option } from "effect"
import { type Contract, type ErrorShape, owns } from "./Contract.js"

/** The largest request body accepted: 1 MiB is far above any definition or activity. */
export const defaultMaxBodyBytes = 1024 * 1024

/** A prefix under which paths answer in a shape: a contract's, or the pages' HTML. */
export type Shaped = Pick<Contract.Any, "prefix" | "errorShape">

/** What the middleware needs: the contracts served, the shape of paths under none of them, the body limit. */
export interface Options {
  readonly contracts: ReadonlyArray<Contract.Any>
  /** Prefixes outside every contract that answer in a shape of their own (the pages, in HTML). */
  readonly others?: ReadonlyArray<Shaped> | undefined
  readonly fallback: ErrorShape
  readonly maxBodyBytes?: number | undefined
}

/** The shape for a path: the contract (or other prefix) with the longest prefix that owns it, else the fallback. */
export const shapeFor = (options: Options) => {
  const byLongestPrefix = [...options.contracts, ...(options.others ?? [])].sort((a, b) =>
    b.prefix.length - a.prefix.length
  )
  return (path: string): ErrorShape =>
    byLongestPrefix.find((shaped) => owns(shaped.prefix, path))?.errorShape ?? options.fallback
}

/** The middleware. */
export const layer = (options: Options) => {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  const shapeOf = shapeFor(options)
  return HttpApiBuilder.middleware((app) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const path = request.url.split("?")[0]!
      const shape = shapeOf(path)
      const declared = Number(request.headers["content-length"] ?? 0)
      if (declared > maxBodyBytes) return shape.payloadTooLarge(maxBodyBytes)
      return yield* app.pipe(
        HttpIncomingMessage.withMaxBodySize(Option.some(maxBodyBytes)),
        // The router's failures are untyped here: pick out the ones that are the client's doing.
        Effect.catchAllCause((cause) => {
          const error = Cause.squash(cause)
          if (error instanceof HttpApiError.HttpApiDecodeError) return Effect.succeed(shape.invalidRequest(error))
          if (HttpServerError.isServerError(error) && error._tag === "RequestError") {
            return Effect.succeed(
              String(error.cause).includes("maxBytes") ? shape.payloadTooLarge(maxBodyBytes) : shape.malformedBody()
            )
          }
          // A multipart body the parser refuses is the client's too: too large, or not multipart at all.
          if (error instanceof Multipart.MultipartError) {
            return Effect.succeed(
              error.reason.endsWith("TooLarge") ? shape.payloadTooLarge(maxBodyBytes) : shape.malformedBody()
            )
          }
          if (HttpServerError.isServerError(error) && error._tag === "RouteNotFound") {
            return Effect.succeed(shape.routeNotFound(error.request.method, error.request.url.split("?")[0]!))
          }
          return Effect.failCause(cause)
        })
      )
    })
  )
}
