/**
 * BadgeKit's request signing, as its API checks it: `Authorization: JWT token="<jws>"`, an HS256 JWS (no other
 * algorithm, never `none`) under the key's secret, whose claims say the `key`, the request's `method` and `path`
 * (with its query string), an `exp` (seconds, or milliseconds as BadgeKit's own client writes it) and, for a body,
 * `body: { alg: "sha256", hash }`, the hex SHA-256 of the raw bytes. Every failure is a 403 `NotAuthorized`.
 *
 * @since 0.1.0
 */
import { Effect, type Option, Redacted } from "effect"
import { decodeJwt, decodeProtectedHeader, errors as JoseErrors, jwtVerify } from "jose"
import { createHash } from "node:crypto"
import { type BadgeKitError, notAuthorized } from "./Errors.js"

/** A key that may sign: its secret, and the organisation it is bound to (none for `master`). */
export interface SigningKey {
  readonly name: string
  readonly secret: Redacted.Redacted<string>
  readonly organisationId?: string | undefined
}

/** The request as signed. */
export interface SignedRequest {
  readonly authorization: string | undefined
  readonly method: string
  /** The path and query string, as the client sent them. */
  readonly url: string
  readonly body: Uint8Array
}

const tokenPattern = /^JWT\s+token="([^"]*)"\s*$/i

/** An `exp` above this is in milliseconds: as seconds it would be past the year 5000. */
const millisecondsFrom = 1e11

const refuse = (message: string) => Effect.fail(notAuthorized(message))

/** The key that signed the request, once every check passes. */
export const verify = <R>(
  request: SignedRequest,
  keyOf: (name: string) => Effect.Effect<Option.Option<SigningKey>, BadgeKitError, R>
): Effect.Effect<SigningKey, BadgeKitError, R> =>
  Effect.gen(function*() {
    const token = tokenPattern.exec(request.authorization ?? "")?.[1]
    if (token === undefined || token === "") {
      return yield* refuse("Missing or malformed Authorization header: expected JWT token=\"<token>\"")
    }
    const header = yield* Effect.try({ try: () => decodeProtectedHeader(token), catch: () => "malformed" as const })
      .pipe(Effect.orElse(() => refuse("The token is not a JWS")))
    if (header.alg !== "HS256") return yield* refuse("The token must be signed with HS256")
    const unverified = yield* Effect.try({ try: () => decodeJwt(token), catch: () => "malformed" as const })
      .pipe(Effect.orElse(() => refuse("The token's claims could not be read")))
    if (typeof unverified.key !== "string" || unverified.key === "") {
      return yield* refuse("The token names no key")
    }
    const found = yield* keyOf(unverified.key)
    if (found._tag === "None") return yield* refuse(`Unknown key: ${unverified.key}`)
    const key = found.value
    const { payload } = yield* Effect.tryPromise({
      try: () =>
        jwtVerify(token, new TextEncoder().encode(Redacted.value(key.secret)), {
          algorithms: ["HS256"],
          requiredClaims: ["exp"]
        }),
      catch: (error) => error
    }).pipe(
      Effect.catchAll((error) =>
        refuse(
          error instanceof JoseErrors.JWTExpired
            ? "The token has expired"
            : error instanceof JoseErrors.JWTClaimValidationFailed
            ? `The token's claims are not valid: ${error.message}`
            : "The token's signature is not valid"
        )
      )
    )
    const exp = payload.exp as number
    const expiresAt = exp > millisecondsFrom ? exp : exp * 1000
    if (expiresAt <= Date.now()) return yield* refuse("The token has expired")
    if (typeof payload.method !== "string" || payload.method.toUpperCase() !== request.method.toUpperCase()) {
      return yield* refuse(`The token was signed for another method than ${request.method}`)
    }
    if (payload.path !== request.url) return yield* refuse(`The token was signed for another path than ${request.url}`)
    const claimed = payload.body as { readonly alg?: unknown; readonly hash?: unknown } | undefined
    const hasBody = request.body.length > 0 || request.method === "POST" || request.method === "PUT"
    if (claimed === undefined || claimed === null) {
      if (hasBody) return yield* refuse("The token has no body hash")
    } else {
      if (claimed.alg !== "sha256") return yield* refuse("The body hash must be sha256")
      if (claimed.hash !== createHash("sha256").update(request.body).digest("hex")) {
        return yield* refuse("The body does not match the token's body hash")
      }
    }
    return key
  })
