/**
 * The pages people open in a browser: a grant's accept page (the link the offer sends), a claim code's page
 * (`/claim/{code}`) and an award's public badge page. They answer HTML, never a contract's JSON, and stay out of the OpenAPI document.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"

/** Where accept links lie: `/accept/grant/{id}/{key}`, the last segment the grant's secret accept key. */
export const acceptPrefix = "/accept/grant"

/** Where claim links lie: `/claim/{code}`, the segment the secret claim code. */
export const claimPrefix = "/claim"

/** Where badge pages lie: `/badges/awards/{awardId}`. */
export const badgePrefix = "/badges/awards"

/** The path of an award's badge page. */
export const badgePath = (awardId: string): string => `${badgePrefix}/${encodeURIComponent(awardId)}`

/** Decodes every percent-escape it can: whole when the escapes are well formed, else byte by byte. */
const decode = (path: string): string => {
  try {
    return decodeURIComponent(path)
  } catch {
    return path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  }
}

/**
 * A request's path as the router matches it, or more loosely: the origin of an absolute target and what follows `?`,
 * `;` or `#` cut, escapes decoded (`%2F` too), repeated slashes collapsed. The router also ignores case.
 */
const routed = (url: string): string =>
  decode(url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?;#]/)[0]!).replace(/\/{2,}/g, "/")

const acceptLink = /^\/accept\/grant\/([^/]*)\/./i
const claimLink = /^\/claim\/./i

/**
 * Whether a request's URL may reach an accept link or a claim link, in whatever form the router takes it (case,
 * escapes, slashes): both carry a secret.
 */
export const isSecretLink = (url: string): boolean => {
  const path = routed(url)
  return acceptLink.test(path) || claimLink.test(path)
}

/**
 * A path as it may be logged: an accept link in any form the router takes as `/accept/grant/{id}/[redacted]`, its
 * key replaced, a claim link as `/claim/[redacted]`; every other path as it is.
 */
export const redactPath = (path: string): string => {
  const routedPath = routed(path)
  if (claimLink.test(routedPath)) return `${claimPrefix}/[redacted]`
  const id = acceptLink.exec(routedPath)?.[1]
  return id === undefined ? path : `${acceptPrefix}/${id}/[redacted]`
}

const html = HttpApiSchema.Text({ contentType: "text/html" })

/** The accept form's body: the CSRF token, checked against the cookie (absent reads as refused, not as bad input). */
export const AcceptForm = Schema.Struct({ csrf: Schema.optional(Schema.String) }).pipe(
  HttpApiSchema.withEncoding({ kind: "UrlParams" })
)

/** The claim form's body: the token, the email and the name; absent or malformed fields are shown, not refused. */
export const ClaimForm = Schema.Struct({
  csrf: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String)
}).pipe(HttpApiSchema.withEncoding({ kind: "UrlParams" }))

const claimPath = Schema.Struct({ code: Schema.String })

// Any id and key decode: a malformed one is as unknown as a wrong one, and both answer the same 404 page.
const acceptPath = Schema.Struct({ id: Schema.String, key: Schema.String })

/** The pages group; no credentials: the key or code in the link is the person's, and badge pages are public. */
export class PagesGroup extends HttpApiGroup.make("pages")
  .add(HttpApiEndpoint.get("acceptPage", `${acceptPrefix}/:id/:key`).setPath(acceptPath).addSuccess(html))
  .add(
    HttpApiEndpoint.post("accept", `${acceptPrefix}/:id/:key`).setPath(acceptPath).setPayload(AcceptForm).addSuccess(
      html
    )
  )
  .add(HttpApiEndpoint.get("claimPage", `${claimPrefix}/:code`).setPath(claimPath).addSuccess(html))
  .add(HttpApiEndpoint.post("claim", `${claimPrefix}/:code`).setPath(claimPath).setPayload(ClaimForm).addSuccess(html))
  .add(
    HttpApiEndpoint.get("badgePage", `${badgePrefix}/:awardId`)
      .setPath(Schema.Struct({ awardId: Schema.String }))
      .addSuccess(html)
  )
  .annotate(OpenApi.Exclude, true)
{}

/** The pages API: the group alone, mounted beside the contracts as health is. */
export class PagesApi extends HttpApi.make("pages").add(PagesGroup) {}
