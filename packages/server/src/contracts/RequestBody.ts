/**
 * A request's body read once, before any endpoint decodes it, so that what the decoders cannot survive is refused
 * first: a body over the limit (with `Content-Length` or chunked alike: the platform's own reader resets the
 * connection on a chunked body over the limit, so the client never reads the 413) and JSON nested deeper than any
 * contract's wire shape (formatting its decode error would overflow the stack).
 *
 * @since 0.1.0
 */
import * as HttpServerError from "@effect/platform/HttpServerError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import { Effect, Stream } from "effect"
import { IncomingMessage } from "node:http"

/** How deep JSON may nest: far deeper than any wire shape, far below what formatting a decode error survives. */
export const maxJsonDepth = 64

/** What reading a body found. */
export type Read =
  | { readonly _tag: "Read"; readonly request: HttpServerRequest.HttpServerRequest; readonly text?: string }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "TooDeep" }

/** Whether the endpoint decoders read this content type as JSON (they read a body without one as JSON too). */
export const isJson = (contentType: string | undefined): boolean =>
  contentType === undefined || contentType.toLowerCase().includes("application/json")

/** The body's bytes, up to `maxBytes`; over it, reading stops without destroying the socket, so an answer can go out. */
const readAll = (request: HttpServerRequest.HttpServerRequest, source: IncomingMessage, maxBytes: number) =>
  Effect.async<Uint8Array | "TooLarge", HttpServerError.RequestError, never>((resume) => {
    const chunks: Array<Buffer> = []
    let bytes = 0
    const stop = () => {
      source.off("data", onData)
      source.off("end", onEnd)
      source.off("error", onError)
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > maxBytes) {
        stop()
        resume(Effect.succeed("TooLarge"))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resume(Effect.succeed(Buffer.concat(chunks)))
    }
    const onError = (cause: unknown) => {
      stop()
      resume(Effect.fail(new HttpServerError.RequestError({ request, reason: "Transport", cause })))
    }
    source.on("data", onData)
    source.once("end", onEnd)
    source.once("error", onError)
    return Effect.sync(stop)
  })

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing it. */
export const jsonDepth = (text: string): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // a backslash escapes the next character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth)
    else if (c === 93 || c === 125) depth--
  }
  return deepest
}

/**
 * The request with its body already read: the body accessors the decoders call answer from memory; everything else
 * (headers, URL, the socket) is the original request's.
 */
const withBody = (request: HttpServerRequest.HttpServerRequest, text: string, bytes: Uint8Array) => {
  const decodeError = (cause: unknown) => new HttpServerError.RequestError({ request, reason: "Decode", cause })
  const body: Pick<HttpServerRequest.HttpServerRequest, "text" | "json" | "urlParamsBody" | "arrayBuffer" | "stream"> =
    {
      text: Effect.succeed(text),
      json: Effect.try({ try: () => text === "" ? null : JSON.parse(text) as unknown, catch: decodeError }),
      urlParamsBody: Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: decodeError }),
      // A copy of exactly the body: `bytes` may be a Buffer, whose `slice` shares (and whose `buffer` is) a larger pool.
      arrayBuffer: Effect.sync(() =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      ),
      stream: Stream.succeed(bytes)
    }
  return Object.create(
    request,
    Object.fromEntries(Object.entries(body).map(([name, value]) => [name, { value }]))
  ) as HttpServerRequest.HttpServerRequest
}

/** Whether a request carries a body to read: one announced by its headers, on a method other than GET and HEAD. */
export const carriesBody = (request: HttpServerRequest.HttpServerRequest): boolean =>
  (request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0) &&
  request.method !== "GET" && request.method !== "HEAD"

/**
 * Reads the body of a request that carries one, refusing it when over `maxBytes` or, as JSON, nested deeper than
 * {@link maxJsonDepth}. A request without a body, or not from `node:http`, is passed on as it is.
 */
export const read = (
  request: HttpServerRequest.HttpServerRequest,
  maxBytes: number
): Effect.Effect<Read, HttpServerError.RequestError> =>
  Effect.gen(function*() {
    const source = request.source
    if (!(source instanceof IncomingMessage) || !carriesBody(request)) return { _tag: "Read", request } as const
    const bytes = yield* readAll(request, source, maxBytes)
    if (bytes === "TooLarge") return { _tag: "TooLarge" } as const
    const text = new TextDecoder().decode(bytes)
    if (isJson(request.headers["content-type"]) && jsonDepth(text) > maxJsonDepth) return { _tag: "TooDeep" } as const
    return { _tag: "Read", request: withBody(request, text, bytes), text } as const
  })
