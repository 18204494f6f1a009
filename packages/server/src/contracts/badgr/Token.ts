/**
 * Badgr's token endpoint, `POST /o/token` (OAuth 2 client credentials, RFC 6749 §4.4): `client_secret` is an engine
 * API key, and the access token handed out is that key itself, holding the key's scopes. A requested `scope` must be
 * among them (else `invalid_scope`); the token is not narrowed to it, so the answer's `scope` lists what it holds.
 * `expires_in` is advisory (3600): the key lasts until it is revoked. Errors are OAuth's `{ error, error_description }`.
 *
 * @since 0.1.0
 */
import { type Actor } from "@badge-engine/core"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Data, Effect, Redacted, Schema } from "effect"
import { Authenticator } from "../../auth/Authenticator.js"
import * as Contract from "../Contract.js"

/** An OAuth error: its code and description. */
export class OAuthError extends Data.TaggedError("BadgrOAuthError")<{
  readonly status: 400 | 401 | 503
  readonly error: string
  readonly description: string
}> {}

const wire = (status: 400 | 401 | 503, identifier: string) =>
  Schema.transform(
    Schema.Struct({ error: Schema.String, error_description: Schema.String }),
    Schema.declare((u): u is OAuthError => u instanceof OAuthError && u.status === status),
    {
      strict: true,
      decode: (json) => new OAuthError({ status, error: json.error, description: json.error_description }),
      encode: (error) => ({ error: error.error, error_description: error.description })
    }
  ).annotations({ identifier, ...HttpApiSchema.annotations({ status }) })

const TokenRequest = Schema.Struct({
  grant_type: Schema.String,
  client_id: Schema.optional(Schema.String),
  client_secret: Schema.optional(Schema.String),
  scope: Schema.optional(Schema.String)
}).pipe(HttpApiSchema.withEncoding({ kind: "UrlParams" }))

const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.Literal("Bearer"),
  expires_in: Schema.Int,
  scope: Schema.String
}).annotations({ identifier: "BadgrToken" })

/** The token group. */
export class TokenApi extends HttpApiGroup.make("badgrToken")
  .add(HttpApiEndpoint.post("token", "/token").setPayload(TokenRequest).addSuccess(TokenResponse))
  .addError(
    Schema.Union(
      wire(400, "BadgrOAuthBadRequest"),
      wire(401, "BadgrOAuthUnauthorized"),
      wire(503, "BadgrOAuthUnavailable")
    )
  )
{}

/** The path the token endpoint lies under. */
export const prefix = "/o"

/** The token API. */
export class Api extends HttpApi.make("badgrOAuth").add(TokenApi).prefix(prefix) {}

const oauth = (status: 400 | 401 | 503, error: string, description: string) =>
  new OAuthError({ status, error, description })

/** Whether a held scope grants a requested one: itself, `r:` under `rw:`, one issuer under all. */
const grants = (held: string, wanted: string): boolean => {
  const [hm, hr, hid] = held.split(":")
  const [wm, wr, wid] = wanted.split(":")
  return hr === wr && (hm === wm || (hm === "rw" && wm === "r")) && (hid === undefined || hid === wid)
}

const TokenHttp = HttpApiBuilder.group(
  Api,
  "badgrToken",
  (handlers) =>
    Effect.map(Authenticator, (authenticator) =>
      handlers.handle("token", ({ payload }) =>
        Effect.gen(function*() {
          if (payload.grant_type !== "client_credentials") {
            return yield* oauth(400, "unsupported_grant_type", "only client_credentials is supported")
          }
          const secret = payload.client_secret ?? ""
          if (secret === "") return yield* oauth(401, "invalid_client", "client_secret (an API key) is required")
          const principal: Actor.Actor = yield* authenticator.authenticate(Redacted.make(secret)).pipe(
            Effect.mapError((error) =>
              error._tag === "Unauthenticated"
                ? oauth(401, "invalid_client", "the client_secret is not a valid API key")
                : oauth(503, "temporarily_unavailable", "try again later")
            )
          )
          const held = principal._tag === "Principal" ? principal.scopes ?? [] : []
          const wanted = (payload.scope ?? "").split(/\s+/).filter((scope) => scope !== "")
          const missing = wanted.find((scope) => !held.some((h) => grants(h, scope)))
          if (missing !== undefined) return yield* oauth(400, "invalid_scope", `the key does not hold ${missing}`)
          return { access_token: secret, token_type: "Bearer" as const, expires_in: 3600, scope: held.join(" ") }
        })))
)

const answer = (status: number, error: string, description: string) =>
  HttpServerResponse.unsafeJson({ error, error_description: description }, { status })

/** The token endpoint as a contract of its own under `/o`, in OAuth's error shape. */
export const contract: Contract.Contract<Authenticator> = Contract.make({
  prefix,
  api: Api,
  handlers: TokenHttp,
  errorShape: {
    invalidRequest: (error) => answer(400, "invalid_request", error.issues[0]?.message ?? "the request is not valid"),
    malformedBody: () => answer(400, "invalid_request", "the body is not form-encoded"),
    payloadTooLarge: (limit) => answer(413, "invalid_request", `the body is larger than ${limit} bytes`),
    routeNotFound: (method, path) => answer(404, "not_found", `no route ${method} ${path}`),
    unsupportedMediaType: () => answer(400, "invalid_request", "the body must be form-encoded"),
    headersTooLarge: (limit) => answer(431, "invalid_request", `the headers are larger than ${limit} bytes`)
  }
})
