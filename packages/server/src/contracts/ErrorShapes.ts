/**
 * The one middleware that answers what never reaches a handler, in the shape of the contract whose prefix the path
 * lies under: schema mismatches in the body, query or path, malformed JSON, bodies over the limit and unknown
 * routes. Paths under no contract's prefix answer in the fallback shape (health, docs, anything else), unless another
 * prefix has a shape of its own (the pages answer in HTML).
 *
 * @since 0.1.0
 */
import { maxEchoLength, shortenEcho } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiError from "@effect/platform/HttpApiError"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Multipart from "@effect/platform/Multipart"
import { Cause, Context, Effect } from "effect"
import { type Contract, type ErrorShape, owns } from "./Contract.js"
import * as Nul from "./Nul.js"
import * as RequestBody from "./RequestBody.js"

/** The largest request body accepted: 1 MiB is far above any definition or activity. */
export const defaultMaxBodyBytes = 1024 * 1024

/** A prefix under which paths answer in a shape: a contract's, or the pages' HTML. */
export type Shaped = Pick<Contract.Any, "prefix" | "errorShape"> & { readonly takesUploads?: boolean }

/** What the middleware needs: the contracts served, the shape of paths under none of them, the body limit. */
export interface Options {
  readonly contracts: ReadonlyArray<Contract.Any>
  /** Prefixes outside every contract that answer in a shape of their own (the pages, in HTML). */
  readonly others?: ReadonlyArray<Shaped> | undefined
  readonly fallback: ErrorShape
  readonly maxBodyBytes?: number | undefined
}

/** The contract (or other prefix) with the longest prefix that owns a path, if any. */
const ownerFor = (options: Options) => {
  const byLongestPrefix = [...options.contracts, ...(options.others ?? [])].sort((a, b) =>
    b.prefix.length - a.prefix.length
  )
  return (path: string): Shaped | undefined => byLongestPrefix.find((shaped) => owns(shaped.prefix, path))
}

/** The shape for a path: the contract (or other prefix) with the longest prefix that owns it, else the fallback. */
export const shapeFor = (options: Options) => {
  const ownerOf = ownerFor(options)
  return (path: string): ErrorShape => ownerOf(path)?.errorShape ?? options.fallback
}

/** A decode error about the body as a whole. */
const bodyError = (message: string) =>
  new HttpApiError.HttpApiDecodeError({ message, issues: [{ _tag: "Type", path: [], message }] })

/** A decode error with its messages and fields cut short: an answer never echoes a huge value whole. */
const shortened = (error: HttpApiError.HttpApiDecodeError) =>
  new HttpApiError.HttpApiDecodeError({
    message: shortenEcho(error.message),
    issues: error.issues.map((issue) => ({
      ...issue,
      path: issue.path.map((key) => shortenEcho(String(key), maxEchoLength / 4)),
      message: shortenEcho(issue.message)
    }))
  })

/** Whether a request's body is multipart, which endpoints of a contract without uploads never read. */
const isMultipart = (request: HttpServerRequest.HttpServerRequest) =>
  (request.headers["content-type"] ?? "").toLowerCase().includes("multipart/")

/** The middleware. */
export const layer = (options: Options) => {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  const ownerOf = ownerFor(options)
  // A refused body may still be arriving: the connection is closed after the answer, not kept reading it.
  const tooLarge = (shape: ErrorShape) =>
    HttpServerResponse.setHeader(shape.payloadTooLarge(maxBodyBytes), "connection", "close")
  // The router's failures are untyped here: pick out the ones that are the client's doing.
  const clientErrors = (shape: ErrorShape) => (cause: Cause.Cause<never>) => {
    const error = Cause.squash(cause)
    if (error instanceof HttpApiError.HttpApiDecodeError) {
      return Effect.succeed(shape.invalidRequest(shortened(error)))
    }
    if (HttpServerError.isServerError(error) && error._tag === "RequestError") {
      return Effect.succeed(String(error.cause).includes("maxBytes") ? tooLarge(shape) : shape.malformedBody())
    }
    // A multipart body the parser refuses is the client's too: too large, or not multipart at all.
    if (error instanceof Multipart.MultipartError) {
      return Effect.succeed(error.reason.endsWith("TooLarge") ? tooLarge(shape) : shape.malformedBody())
    }
    if (HttpServerError.isServerError(error) && error._tag === "RouteNotFound") {
      return Effect.succeed(shape.routeNotFound(error.request.method, error.request.url.split("?")[0]!))
    }
    return Effect.failCause(cause)
  }
  /** The app on the request as read; the body limit is in the context requests start with (see `Server`). */
  const serve = (
    app: HttpApp.Default<never, never>,
    original: HttpServerRequest.HttpServerRequest,
    request: HttpServerRequest.HttpServerRequest,
    body: string | undefined,
    shape: ErrorShape
  ) => {
    const nul = Nul.fieldWithNul(request.url, request.headers["content-type"], body)
    if (nul !== undefined) {
      return Effect.succeed(shape.invalidRequest(shortened(
        new HttpApiError.HttpApiDecodeError({
          message: "NUL",
          issues: [{ _tag: "Type", path: nul, message: "must not contain the NUL character (U+0000)" }]
        })
      )))
    }
    // Providing a service copies the request's whole context: only a request whose body was read is provided anew.
    // The original is in the fiber's context already (where `original` was read from), which the types do not know.
    const provided = request === original
      ? app as Effect.Effect<HttpServerResponse.HttpServerResponse>
      : Effect.provideService(app, HttpServerRequest.HttpServerRequest, request)
    return Effect.catchAllCause(provided, clientErrors(shape))
  }
  return HttpApiBuilder.middleware((app) =>
    Effect.withFiberRuntime<HttpServerResponse.HttpServerResponse>((fiber) => {
      const original = Context.unsafeGet(fiber.currentContext, HttpServerRequest.HttpServerRequest)
      const path = original.url.split("?")[0]!
      const owner = ownerOf(path)
      const shape = owner?.errorShape ?? options.fallback
      const declared = Number(original.headers["content-length"] ?? 0)
      if (declared > maxBodyBytes) return Effect.succeed(tooLarge(shape))
      if (isMultipart(original)) {
        // Refused before a byte is read: the multipart parser would write its files to the temporary folder.
        if (owner?.takesUploads !== true) return Effect.succeed(shape.unsupportedMediaType())
        return serve(app, original, original, undefined, shape)
      }
      if (!RequestBody.carriesBody(original)) return serve(app, original, original, undefined, shape)
      return Effect.flatMap(Effect.either(RequestBody.read(original, maxBodyBytes)), (read) => {
        if (read._tag === "Left") return Effect.succeed(shape.malformedBody())
        if (read.right._tag === "TooLarge") return Effect.succeed(tooLarge(shape))
        if (read.right._tag === "TooDeep") {
          return Effect.succeed(
            shape.invalidRequest(bodyError(`is nested more than ${RequestBody.maxJsonDepth} levels deep`))
          )
        }
        return serve(app, original, read.right.request, read.right.text, shape)
      })
    })
  )
}
