/**
 * Who is calling: a principal with a role, bound to one organisation unless it is `system`.
 * The bearer credential is checked by an {@link Authenticator}: API keys by default, or the host app's own
 * (its JWTs, say) provided as a layer in its place.
 *
 * @since 0.1.0
 */
import { type OrganisationId, type Role } from "@badge-engine/core"
import { HttpApiMiddleware, HttpApiSecurity, HttpServerRequest } from "@effect/platform"
import { Context, Effect, Layer, Option, type Redacted, Schema } from "effect"
import {
  badRequest,
  forbidden,
  notFound,
  Unauthorized,
  unauthorized,
  Unavailable,
  unavailable
} from "./api/ApiErrors.js"
import { ApiKeys } from "./ApiKeys.js"

/** The caller of a request. */
export interface Principal {
  readonly role: Role
  /** The organisation the principal is bound to; absent for `system`. */
  readonly organisationId?: OrganisationId | undefined
  /** For a peer mentor: the recipient id it acts as. */
  readonly subjectId?: string | undefined
  /** What to record as `awarded_by` and in logs: never a secret. */
  readonly name: string
}

/** The current request's principal. */
export class CurrentPrincipal
  extends Context.Tag("@badge-engine/server/CurrentPrincipal")<CurrentPrincipal, Principal>()
{}

/** Turns a bearer credential into a principal. */
export class Authenticator extends Context.Tag("@badge-engine/server/Authenticator")<Authenticator, {
  readonly authenticate: (credential: Redacted.Redacted<string>) => Effect.Effect<Principal, Unauthorized | Unavailable>
}>() {
  /** API keys stored by the engine. */
  static readonly apiKeys: Layer.Layer<Authenticator, never, ApiKeys> = Layer.effect(
    Authenticator,
    Effect.map(ApiKeys, (keys) => ({
      authenticate: (credential) =>
        keys.verify(credential).pipe(
          // The database did not answer: the client may try again (503), the operator reads why in the log.
          Effect.tapError((error) => Effect.logError("API key lookup failed", error)),
          Effect.catchAll(() => Effect.fail(unavailable())),
          Effect.flatMap(Option.match({
            onNone: () => Effect.fail(unauthorized("the API key is not valid")),
            onSome: (key) =>
              Effect.succeed({
                role: key.role,
                organisationId: key.organisationId,
                subjectId: key.subjectId,
                name: `${key.role}:${key.id}`
              })
          }))
        )
    }))
  )
}

/** `Authorization: Bearer <credential>` on every endpoint of the v1 contracts. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@badge-engine/server/Authentication", {
  failure: Schema.Union(Unauthorized, Unavailable),
  provides: CurrentPrincipal,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

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
        return yield* authenticator.authenticate(credential)
      })
  }))
)

/** Fails unless the principal has one of the roles. */
export const requireRole = (...roles: ReadonlyArray<Role>) =>
  Effect.flatMap(CurrentPrincipal, (principal) =>
    roles.includes(principal.role)
      ? Effect.succeed(principal)
      : Effect.fail(forbidden(`this requires the role ${roles.join(" or ")}; the API key is ${principal.role}`)))

/** Whether the principal may see records of an organisation. */
export const canSee = (principal: Principal, organisationId: string): boolean =>
  principal.role === "system" || principal.organisationId === organisationId

/** The organisation a listing is for: the one asked, which a bound principal may only ask for its own. */
export const organisationFor = (principal: Principal, asked: string | undefined) =>
  Effect.gen(function*() {
    if (principal.role === "system") {
      if (asked === undefined) return yield* Effect.fail(badRequest("organisation_id is required", "organisation_id"))
      return asked as OrganisationId
    }
    if (asked !== undefined && asked !== principal.organisationId) {
      return yield* Effect.fail(forbidden("the API key is bound to another organisation"))
    }
    return principal.organisationId!
  })

/** A record of another organisation reads as absent: a bound principal learns nothing of it. */
export const hidden = (entity: string, id: string) => notFound(`${entity} ${id} was not found`)
