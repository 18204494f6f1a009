/**
 * The BadgeFed credentials: an API key in the `X-ApiKey` header or the `apiKey` query parameter, checked by the
 * {@link Authenticator}. The handlers run as the principal it returns; the engine's services check what it may do.
 *
 * @since 0.1.0
 */
import { Actor } from "@badge-engine/core"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as OpenApi from "@effect/platform/OpenApi"
import { Effect, Layer, Redacted, Schema } from "effect"
import { Authenticator, type AuthenticatorUnavailable, type Unauthenticated } from "../../auth/Authenticator.js"
import {
  apiKeyRequired,
  invalidApiKey,
  unauthorized,
  UnauthorizedJson,
  unavailable,
  UnavailableJson
} from "./Errors.js"

/** The header BadgeFed reads a key from (Node gives header names in lower case). */
const header = "x-apikey"

/**
 * An API key on every BadgeFed endpoint, in either place. HttpApi tries the schemes in order, the next only when the
 * one before failed: the header first, then the query parameter.
 */
export class ApiKeyAuthentication extends HttpApiMiddleware.Tag<ApiKeyAuthentication>()(
  "@badge-engine/server/BadgeFedApiKeyAuthentication",
  {
    failure: Schema.Union(UnauthorizedJson, UnavailableJson),
    provides: Actor.CurrentActor,
    security: {
      badgeFedApiKeyHeader: HttpApiSecurity.apiKey({ key: "X-ApiKey", in: "header" }).pipe(
        HttpApiSecurity.annotate(OpenApi.Description, "An API key in the `X-ApiKey` header (recommended)")
      ),
      badgeFedApiKeyQuery: HttpApiSecurity.apiKey({ key: "apiKey", in: "query" }).pipe(
        HttpApiSecurity.annotate(OpenApi.Description, "An API key in the `apiKey` query parameter")
      )
    }
  }
) {}

/** The authenticator's failures as BadgeFed answers them: 401 in its words, or 503. */
const inBadgeFedShape = (error: Unauthenticated | AuthenticatorUnavailable) =>
  error._tag === "Unauthenticated" ? unauthorized(invalidApiKey) : unavailable()

/** The middleware. A missing header or parameter reaches it as an empty key. */
export const ApiKeyAuthenticationLive: Layer.Layer<ApiKeyAuthentication, never, Authenticator> = Layer.effect(
  ApiKeyAuthentication,
  Effect.map(Authenticator, (authenticator) => {
    const check = (key: Redacted.Redacted<string>) =>
      Redacted.value(key) === ""
        ? Effect.fail(unauthorized(apiKeyRequired))
        : authenticator.authenticate(key).pipe(Effect.mapError(inBadgeFedShape))
    return {
      badgeFedApiKeyHeader: check,
      // Reached when the header named no principal. A key in the header is the one that counts (a query key does
      // not rescue a refused header key): it is checked again here, since the first answer is not passed on.
      badgeFedApiKeyQuery: (key: Redacted.Redacted<string>) =>
        Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
          const inHeader = request.headers[header]
          return check(inHeader !== undefined && inHeader !== "" ? Redacted.make(inHeader) : key)
        })
    }
  })
)
