/**
 * The Badgr credentials: `Authorization: Bearer <token>`, where the token is an engine API key (as `POST /o/token`
 * hands it out), checked by the {@link Authenticator}; and the scopes each endpoint needs (`rw:issuer`, or
 * `rw:issuer:<issuer id>` for one issuer), checked against the principal's.
 *
 * @since 0.1.0
 */
import { Actor } from "@badge-engine/core"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, Layer, type Redacted, Schema } from "effect"
import { Authenticator, type AuthenticatorUnavailable, type Unauthenticated } from "../../auth/Authenticator.js"
import { insufficientScope, unauthorized, UnauthorizedJson, unavailable, UnavailableJson } from "./Errors.js"

/** `Authorization: Bearer <token>` on every Badgr endpoint. */
export class BearerAuthentication extends HttpApiMiddleware.Tag<BearerAuthentication>()(
  "@badge-engine/server/BadgrBearerAuthentication",
  {
    failure: Schema.Union(UnauthorizedJson, UnavailableJson),
    provides: Actor.CurrentActor,
    security: { badgrBearer: HttpApiSecurity.bearer }
  }
) {}

const inBadgrShape = (error: Unauthenticated | AuthenticatorUnavailable) =>
  error._tag === "Unauthenticated"
    ? unauthorized("invalid_token: the token is not valid or has expired")
    : unavailable()

/** The middleware: the bearer decoder accepts a missing header or another scheme, so both are checked here. */
export const BearerAuthenticationLive: Layer.Layer<BearerAuthentication, never, Authenticator> = Layer.effect(
  BearerAuthentication,
  Effect.map(Authenticator, (authenticator) => ({
    badgrBearer: (token: Redacted.Redacted<string>) =>
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const header = request.headers["authorization"]
        if (header === undefined || !/^Bearer\s+\S/i.test(header)) {
          return yield* Effect.fail(unauthorized("Authentication credentials were not provided: Bearer <token>"))
        }
        return yield* authenticator.authenticate(token).pipe(Effect.mapError(inBadgrShape))
      })
  }))
)

/** Which issuers a token reaches for a resource: all of its organisation's, or the listed ones. */
export type Reach = { readonly all: true } | { readonly all: false; readonly ids: ReadonlyArray<string> }

/**
 * What the current actor's scopes reach of `resource` (`issuer`): `rw:<resource>` all, `rw:<resource>:<id>` one;
 * reads also take `r:`. The host app reaches everything; a token with no such scope is refused (403
 * insufficient_scope).
 */
export const reach = (resource: string, access: "r" | "rw") =>
  Effect.gen(function*() {
    const actor = yield* Actor.CurrentActor
    if (actor._tag === "Host") return { all: true } as Reach
    const scopes = actor._tag === "Principal" ? actor.scopes ?? [] : []
    const modes = access === "r" ? ["r", "rw"] : ["rw"]
    if (modes.some((mode) => scopes.includes(`${mode}:${resource}`))) return { all: true } as Reach
    const ids = scopes.flatMap((scope) => {
      const [mode, name, id] = scope.split(":")
      return mode !== undefined && modes.includes(mode) && name === resource && id !== undefined ? [id] : []
    })
    if (ids.length === 0) return yield* Effect.fail(insufficientScope(`${access}:${resource}`))
    return { all: false, ids } as Reach
  })

/** Whether a reach covers one id. */
export const covers = (scope: Reach, id: string | undefined): boolean =>
  scope.all || (id !== undefined && scope.ids.includes(id))

/** Fails with 403 insufficient_scope unless the current actor's scopes reach this issuer. */
export const requireIssuer = (access: "r" | "rw", issuerId: string | undefined) =>
  Effect.flatMap(reach("issuer", access), (scope) =>
    covers(scope, issuerId)
      ? Effect.void
      : Effect.fail(insufficientScope(`${access}:issuer${issuerId === undefined ? "" : `:${issuerId}`}`)))
