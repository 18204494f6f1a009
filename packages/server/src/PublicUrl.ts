/**
 * The server's public URL: the base of every absolute URL the server prints (BadgeFed's image and accept links
 * today; Open Badges' ids and pages to come). Behind a proxy it is the address clients use, not the one the server
 * binds: `serve --public-url https://badges.example.org`, or `Server.Options.publicUrl`.
 *
 * @since 0.1.0
 */
import * as HttpServer from "@effect/platform/HttpServer"
import { Context, Effect, Layer, Schema } from "effect"

/** The public URL as contracts read it. */
export class PublicUrl extends Context.Tag("@badge-engine/server/PublicUrl")<PublicUrl, {
  /** The base, without a trailing slash: `https://badges.example.org`, or `https://example.org/badges`. */
  readonly base: string
  /** The host clients reach, with its port unless it is the scheme's default: BadgeFed's issuer `domain`. */
  readonly host: string
  /**
   * The base's path, without a trailing slash: `""` at the root, `/badges` under a proxy's prefix. The server sees
   * paths without it, browsers with it: links and cookie paths in pages start with it.
   */
  readonly path: string
  /** Whether clients reach the server over https: cookies are then `Secure`. */
  readonly secure: boolean
  /** The absolute URL of a path on this server; `path` starts with `/`. */
  readonly to: (path: string) => string
}>() {}

const isBase = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "" &&
      url.username === "" && url.password === ""
  } catch {
    return false
  }
}

/** A base URL: absolute http(s), without query, fragment or credentials; a trailing slash is allowed. */
export const BaseUrl = Schema.String.pipe(
  Schema.filter(isBase, { message: () => "must be an absolute http(s) URL without query or fragment" })
).annotations({ identifier: "PublicUrl" })

/** The service for a base URL; a base that is not a {@link BaseUrl} is a defect: validate it first. */
export const make = (base: string): Context.Tag.Service<PublicUrl> => {
  const url = new URL(Schema.decodeSync(BaseUrl)(base))
  const path = url.pathname.replace(/\/+$/, "")
  const trimmed = `${url.origin}${path}`
  return PublicUrl.of({
    base: trimmed,
    host: url.host,
    path,
    secure: url.protocol === "https:",
    to: (path) => `${trimmed}${path}`
  })
}

/** The public URL given; a malformed one stops the server when it starts. */
export const layer = (base: string): Layer.Layer<PublicUrl> => Layer.sync(PublicUrl, () => make(base))

/** The default: `http://{host}:{port}` of the address the server listens on (the port it was given, or got). */
export const fromAddress = (host: string): Layer.Layer<PublicUrl, never, HttpServer.HttpServer> =>
  Layer.effect(
    PublicUrl,
    Effect.map(HttpServer.HttpServer, (server) => {
      const port = server.address._tag === "TcpAddress" ? server.address.port : 80
      return make(`http://${host.includes(":") ? `[${host}]` : host}:${port}`)
    })
  )
