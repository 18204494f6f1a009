/**
 * The accept and claim forms' CSRF check, by double submit: the page sets a random token in a cookie only this site sends
 * (`SameSite=Strict`, `HttpOnly`, under the links' path, `Secure` over https) and puts the same token in the
 * form; a POST is taken only when the two agree. Another site can make a browser post the form, but can neither read
 * nor set the cookie.
 *
 * @since 0.1.0
 */
import { Secrets } from "@badge-engine/core"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"

/** The cookie's name. */
export const cookieName = "badge_engine_csrf"

/** The form field's name. */
export const fieldName = "csrf"

const wellFormed = /^[A-Za-z0-9_-]{43}$/

/** The token of the request's cookie, kept so that two open tabs both still work; a new one when it has none. */
export const tokenFor = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<string> => {
  const current = request.cookies[cookieName]
  return current !== undefined && wellFormed.test(current) ? Effect.succeed(current) : Secrets.make("")
}

/**
 * The response with the token's cookie set, under the accept links' path as browsers see it (`root` is the public
 * URL's path, before `/accept` behind a proxy's prefix), and `Secure` when browsers reach the server over https.
 */
export const withCookie = (
  response: HttpServerResponse.HttpServerResponse,
  token: string,
  { root, scope = "/accept", secure }: {
    readonly root: string
    readonly secure: boolean
    /** The pages the cookie is sent to: `/accept` (accept links) or `/claim` (claim links). */
    readonly scope?: "/accept" | "/claim"
  }
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeSetCookie(response, cookieName, token, {
    httpOnly: true,
    sameSite: "strict",
    path: `${root}${scope}`,
    ...(secure ? { secure } : {})
  })

/** Whether a POST carries the token of its cookie in its form: both present, well formed and equal. */
export const checks = (request: HttpServerRequest.HttpServerRequest, submitted: string | undefined): boolean => {
  const cookie = request.cookies[cookieName]
  return cookie !== undefined && submitted !== undefined && wellFormed.test(cookie) &&
    Secrets.equalInConstantTime(cookie, submitted)
}
