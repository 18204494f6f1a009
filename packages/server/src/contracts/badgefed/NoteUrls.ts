/**
 * A grant's status may be asked by its whole note URL, percent-encoded into one path segment
 * (`/api/badges/grant/https%3A%2F%2F…%2Fstatuses%2F{id}/status`). Such a segment can be longer than the router
 * takes a path parameter (100 characters, a limit v1's answers rely on), so before routing the URL is replaced by
 * its last segment, the grant id: all the handler reads of it.
 *
 * @since 0.1.0
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect } from "effect"
import { prefix } from "./Api.js"

const statusPath = new RegExp(`^${prefix}/grant/([^/]+)/status$`)

/** The request URL with a note URL in a status path replaced by its last segment; none when there is none. */
export const shortened = (url: string): string | undefined => {
  const queryAt = url.indexOf("?")
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const segment = statusPath.exec(path)?.[1]
  if (segment === undefined) return undefined
  let noteId: string
  try {
    noteId = decodeURIComponent(segment)
  } catch {
    return undefined
  }
  if (!noteId.includes("/")) return undefined
  const id = noteId.split("/").filter((part) => part !== "").pop() ?? ""
  return `${prefix}/grant/${encodeURIComponent(id)}/status${queryAt === -1 ? "" : url.slice(queryAt)}`
}

/** The rewrite, as a middleware of the server's router. */
export const layer = HttpApiBuilder.middleware((app) =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const url = shortened(request.url)
    return url === undefined
      ? app
      : Effect.provideService(app, HttpServerRequest.HttpServerRequest, request.modify({ url }))
  })
)
