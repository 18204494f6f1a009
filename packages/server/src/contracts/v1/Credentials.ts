/**
 * The v1 credentials: `Authorization: Bearer <credential>` on every endpoint, checked by the {@link Authenticator}.
 * The handlers run as the principal it returns, and the engine's services check what that principal may do.
 *
 * @since 0.1.0
 */
import { Actor } from "@badge-engine/core"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, Layer, type Redacted, Schema } from "effect"
import { Authenticator, type AuthenticatorUnavailable, type Unauthenticated } from "../../auth/Authenticator.js"
import { Unauthorized, unauthorized, Unavailable, unavailable } from "./Errors.js"

/** `Authorization: Bearer <credential>` on every endpoint of the v1 contracts. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@badge-engine/server/Authentication", {
  failure: Schema.Union(Unauthorized, Unavailable),
  provides: Actor.CurrentActor,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** The authenticator's failures as v1 answers them: 401 with its message, or 503. */
const inV1Shape = (error: Unauthenticated | AuthenticatorUnavailable) =>
  error._tag === "Unauthenticated" ? unauthorized(error.message) : unavailable()

/** The middleware: the bearer decoder accepts a missing header or another scheme, so both are checked here. */
export const AuthenticationLive: Layer.Layer<Authentication, never, Authenticator> = Layer.effect(
  Authentication,
  Effect.map(Authenticator, (authenticator) => ({
    bearer: (credential: Redacted.Redacted<string>) =>
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const header = request.headers["authorization"]
        if (header === undefined || header === "") {
          return yield* Effect.fail(unauthorized("missing Authorization: Bearer <api key>"))
        }
        if (!/^Bearer\s+\S/i.test(header)) {
          return yield* Effect.fail(unauthorized("Authorization must be Bearer <api key>"))
        }
        return yield* authenticator.authenticate(credential).pipe(
          Effect.mapError(inV1Shape)
        )
      })
  }))
)
