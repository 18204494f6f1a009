/**
 * Turns a credential into the principal a request acts as: API keys by default, or the host app's own (its JWTs,
 * say) provided as a layer in their place. Every contract's credential middleware asks the same authenticator, and
 * the engine's services enforce the principal's role and organisation themselves.
 *
 * @since 0.1.0
 */
import { Actor, ApiKeys, apiKeyScopes } from "@badge-engine/core"
import { Context, Effect, Layer, Option, type Redacted, Schema } from "effect"

/** The credential is missing or not valid; each contract answers it as its 401, with this message. */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  message: Schema.String
}) {}

/** The credential could not be checked right now (its store did not answer); each contract answers it as its 503. */
export class AuthenticatorUnavailable
  extends Schema.TaggedError<AuthenticatorUnavailable>()("AuthenticatorUnavailable", {})
{}

/** An {@link Unauthenticated} telling the caller why. */
export const unauthorized = (message: string) => new Unauthenticated({ message })

/** An {@link AuthenticatorUnavailable}. */
export const unavailable = () => new AuthenticatorUnavailable()

/** Turns a credential into a principal, in no contract's shape: each contract's credentials render the failures. */
export class Authenticator extends Context.Tag("@badge-engine/server/Authenticator")<Authenticator, {
  readonly authenticate: (
    credential: Redacted.Redacted<string>
  ) => Effect.Effect<Actor.Principal, Unauthenticated | AuthenticatorUnavailable>
}>() {
  /** API keys stored by the engine. */
  static readonly apiKeys: Layer.Layer<Authenticator, never, ApiKeys.ApiKeys> = Layer.effect(
    Authenticator,
    Effect.map(ApiKeys.ApiKeys, (keys) => ({
      authenticate: (credential) =>
        keys.verify(credential).pipe(
          // The database did not answer: the client may try again (503), the operator reads why in the log.
          Effect.tapError((error) => Effect.logError("API key lookup failed", error)),
          Effect.catchAll(() => Effect.fail(unavailable())),
          Effect.flatMap(Option.match({
            onNone: () => Effect.fail(unauthorized("the API key is not valid")),
            onSome: (key) =>
              Effect.succeed(
                new Actor.Principal({
                  role: key.role,
                  organisationId: key.organisationId,
                  subjectId: key.subjectId,
                  scopes: apiKeyScopes(key),
                  name: `${key.role}:${key.id}`
                })
              )
          }))
        )
    }))
  )
}
