/**
 * The HTTP server: the contracts' handlers over the engine, authentication, the OpenAPI document at
 * `/openapi.json`, a browsable API page at `/docs` (served from this package, no CDN) and `/health`.
 *
 * @since 0.1.0
 */
import { type Activities, Awarding, type BadgeStore, type Definitions, Engine, type Progress } from "@badge-engine/core"
import {
  type HttpApi,
  HttpApiBuilder,
  HttpApiScalar,
  HttpMiddleware,
  HttpServer,
  type HttpServerError,
  HttpServerRequest
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer, Schedule } from "effect"
import { createServer } from "node:http"
import * as ApiKeys from "./ApiKeys.js"
import { Authenticator } from "./auth/Authenticator.js"
import * as ErrorShape from "./contracts/ErrorShapes.js"
import { ActivitiesHttp } from "./contracts/v1/ActivitiesHttp.js"
import { Api } from "./contracts/v1/Api.js"
import { BadgeDefinitionsHttp } from "./contracts/v1/BadgeDefinitionsHttp.js"
import { AuthenticationLive } from "./contracts/v1/Credentials.js"
import { EarnedBadgesHttp } from "./contracts/v1/EarnedBadgesHttp.js"
import { HealthHttp } from "./health/HealthHttp.js"

/** Where the server listens and what it accepts. */
export interface Options {
  readonly port?: number | undefined
  readonly host?: string | undefined
  /** The largest request body, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number | undefined
}

/** One structured log line per request: method, path (no query: it can carry ids), status and duration. */
const requestLog = HttpMiddleware.make((app) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const started = Date.now()
    const response = yield* app
    yield* Effect.logInfo("request").pipe(
      Effect.annotateLogs({
        method: request.method,
        path: request.url.split("?")[0],
        status: response.status,
        ms: Date.now() - started
      })
    )
    return response
  })
)

/** What the handlers need. */
export type Requirements =
  | Activities.Activities
  | Awarding.Awarding
  | Definitions.Definitions
  | Progress.Progress
  | BadgeStore
  | Authenticator

/** The API's handlers over the engine services and an {@link Authenticator}. */
export const apiLayer: Layer.Layer<HttpApi.Api, never, Requirements> = HttpApiBuilder.api(Api).pipe(
  Layer.provide([BadgeDefinitionsHttp, EarnedBadgesHttp, ActivitiesHttp, HealthHttp]),
  Layer.provide(AuthenticationLive)
)

/**
 * The server over the engine services and an {@link Authenticator} in context. Host apps that bring their own
 * authentication provide their `Authenticator` layer here.
 */
export const layerWith = (
  options: Options = {}
): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, Requirements> =>
  HttpApiBuilder.serve(requestLog).pipe(
    Layer.provide(HttpApiScalar.layer({ path: "/docs" })),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" })),
    Layer.provide(ErrorShape.layer(options.maxBodyBytes)),
    Layer.provide(apiLayer),
    HttpServer.withLogAddress,
    Layer.provideMerge(
      NodeHttpServer.layer(createServer, { port: options.port ?? 3000, host: options.host ?? "127.0.0.1" })
    )
  )

/**
 * Reports expired awards every minute while the server runs (`BadgeExpired` events; their `maxAwards` places freed).
 * Several processes may do it at once: each expiry is reported by exactly one of them.
 */
export const expiryLayer: Layer.Layer<never, never, Awarding.Awarding> = Layer.scopedDiscard(
  Effect.flatMap(Awarding.Awarding, (awarding) =>
    awarding.expireDue.pipe(
      Effect.catchAll((error) => Effect.logWarning("expiring awards failed; trying again in a minute", error)),
      Effect.repeat(Schedule.spaced("1 minute")),
      Effect.forkScoped
    ))
)

/** The whole server over a store: the engine, API keys, the expiry reporter and the server. */
export const layer = (
  options: Options = {}
): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, BadgeStore> =>
  Layer.merge(layerWith(options), expiryLayer).pipe(
    Layer.provide(Authenticator.apiKeys),
    Layer.provide(ApiKeys.layer),
    Layer.provide(Engine.layer)
  )
