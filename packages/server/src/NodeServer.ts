/**
 * The `node:http` server under the API, answering what Node refuses before any request reaches it (headers over the
 * limit, a request that is not HTTP) in the shape of the contract the path lies under, instead of Node's bare
 * status line with no body; an unknown `Expect` is ignored rather than answered with a bare 417.
 *
 * @since 0.1.0
 */
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { createServer, type Server } from "node:http"
import type { Duplex } from "node:stream"
import type { ErrorShape } from "./contracts/Contract.js"

/** The most the server reads of a request's headers (Node's own default, stated so it cannot drift). */
export const maxHeaderBytes = 16 * 1024

/** The path of a request line at the start of what Node had read, when it got that far. */
const pathOf = (raw: unknown): string => {
  if (!(raw instanceof Uint8Array)) return "/"
  const line = /^[A-Z]+ (\/[^ ?]*)/.exec(Buffer.from(raw.subarray(0, 2048)).toString("latin1"))
  return line?.[1] ?? "/"
}

/** A response as raw HTTP/1.1 bytes, the connection closed after it. */
const rawResponse = (response: HttpServerResponse.HttpServerResponse): string => {
  const body = response.body._tag === "Uint8Array" ? Buffer.from(response.body.body).toString("utf8") : ""
  const contentType = response.body._tag === "Uint8Array" ? response.body.contentType : "text/plain"
  return [
    `HTTP/1.1 ${response.status} ${response.status === 431 ? "Request Header Fields Too Large" : "Bad Request"}`,
    `content-type: ${contentType}`,
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body
  ].join("\r\n")
}

/** A `node:http` server whose client errors answer in the shape `shapeOf` gives the request's path. */
export const make = (shapeOf: (path: string) => ErrorShape) => (): Server => {
  const server = createServer({ maxHeaderSize: maxHeaderBytes })
  // An `Expect` other than 100-continue would get Node's bare 417: the request is served as if it had none.
  server.on("checkExpectation", (request, response) => server.emit("request", request, response))
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex) => {
    // A connection reset or timed out has no one to answer.
    if (!socket.writable || error.code === "ECONNRESET" || error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      socket.destroy()
      return
    }
    const shape = shapeOf(pathOf(error.rawPacket))
    const response = error.code === "HPE_HEADER_OVERFLOW"
      ? shape.headersTooLarge(maxHeaderBytes)
      : shape.malformedBody()
    socket.end(rawResponse(response))
  })
  return server
}
