/**
 * The HTTP server: the contracts it speaks, each under its own prefix, beside `/health`, the pages people open in
 * a browser (a grant's accept link, an award's badge page), the OpenAPI document at `/openapi.json` and a browsable
 * API page at `/docs` (served from this package, no CDN).
 *
 * @since 0.1.0
 */
import {
  Actor,
  Awards,
  type ClaimCodes,
  type Definitions,
  Engine,
  type Grants,
  type Images,
  type IssuerKeys,
  JobWorker,
  type Organisations,
  type PublicBadges,
  type ServerSecrets,
  type StatusLists,
  type Stores,
  WebhookDestinations
} from "@badge-engine/core"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Etag from "@effect/platform/Etag"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Headers from "@effect/platform/Headers"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpPlatform from "@effect/platform/HttpPlatform"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Path from "@effect/platform/Path"
import { Config, Context, Duration, Effect, Layer, Option, Redacted, Schedule, Scope } from "effect"
import * as ApiReference from "./ApiReference.js"
import { Authenticator } from "./auth/Authenticator.js"
import * as BadgeFed from "./contracts/badgefed/BadgeFed.js"
import * as BadgeKit from "./contracts/badgekit/BadgeKit.js"
import { MasterSecret } from "./contracts/badgekit/Caller.js"
import * as Badgr from "./contracts/badgr/Badgr.js"
import * as BadgrToken from "./contracts/badgr/Token.js"
import * as Contract from "./contracts/Contract.js"
import * as ErrorShapes from "./contracts/ErrorShapes.js"
import * as V1 from "./contracts/v1/V1.js"
import { HealthApi } from "./health/HealthApi.js"
import { HealthHttp } from "./health/HealthHttp.js"
import { BadgeImageApi } from "./images/BadgeImageApi.js"
import { BadgeImageHttp } from "./images/BadgeImageHttp.js"
import { ImagesApi } from "./images/ImagesApi.js"
import { ImagesHttp } from "./images/ImagesHttp.js"
import * as NodeServer from "./NodeServer.js"
import * as OpenBadgesV2 from "./openbadges/v2/OpenBadgesV2.js"
import { OpenBadgesV3Api } from "./openbadges/v3/CredentialsApi.js"
import { CredentialsHttp } from "./openbadges/v3/CredentialsHttp.js"
import * as Pages from "./pages/Pages.js"
import * as PublicUrl from "./PublicUrl.js"
import * as WebhookConnections from "./webhooks/WebhookConnections.js"

type AnyContract = Contract.Contract.Any

/** The contracts the server speaks. A new contract is a folder under `contracts/` and an entry here. */
export const contracts = [
  V1.contract,
  BadgeFed.contract,
  Badgr.contract,
  BadgrToken.contract,
  BadgeKit.contract,
  BadgeKit.healthcheck,
  BadgeKit.publicImages
] as const

/**
 * The API served: the contracts' groups in order, then health, badge images, uploaded images, Open Badges 3.0, and the
 * pages and the Open Badges 2.0 hosted documents (both left out of the document).
 */
export const apiOf = (served: ReadonlyArray<AnyContract>) =>
  Contract.combine(HttpApi.make("badge-engine"), served)
    .addHttpApi(HealthApi)
    .addHttpApi(BadgeImageApi)
    .addHttpApi(ImagesApi)
    .addHttpApi(OpenBadgesV3Api)
    .addHttpApi(Pages.api)
    .addHttpApi(OpenBadgesV2.api)
    .annotate(OpenApi.Title, "badge-engine")
    .annotate(OpenApi.Version, "0.1.0")
    .annotate(
      OpenApi.Description,
      "Badge definitions, earned badges, activities and progress. Authenticate with `Authorization: Bearer <api key>`" +
        " under `/api/v1` and `/v2` (Badgr; a token from `POST /o/token`), and with an `X-ApiKey` header or an `apiKey`" +
        " query parameter under `/api/badges` (BadgeFed), and with BadgeKit's signed JWT (`Authorization: JWT" +
        " token=\"…\"`) under `/systems`."
    )

/** The API of the server's own contracts: the document at `/openapi.json`. */
export const Api = apiOf(contracts)

/** Where the server listens, what it accepts and which contracts it speaks. */
export interface Options<C extends ReadonlyArray<AnyContract> = typeof contracts> {
  readonly port?: number | undefined
  readonly host?: string | undefined
  /** The largest request body, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number | undefined
  /** The contracts to serve (default {@link contracts}); paths under none of them answer errors in v1's shape. */
  readonly contracts?: C | undefined
  /**
   * The URL clients reach the server at, which absolute URLs in answers start with (default `http://{host}:{port}`,
   * with the port listened on). Behind a proxy, the proxy's: `https://badges.example.org`.
   */
  readonly publicUrl?: string | undefined
  /** The secret of BadgeKit's `master` key (`serve --badgekit-secret`); without one, only consumer keys sign. */
  readonly badgekitSecret?: string | undefined
  /**
   * Whether each request is traced as a span (default true), for a host app that exports traces. `badge-engine
   * serve` exports none and turns it off: a span per request costs time and goes nowhere.
   */
  readonly traced?: boolean | undefined
}

/**
 * What the handlers need: the contracts' needs but the public URL (the server provides it), the organisations
 * service, which health asks, the definitions service, which badge images read, the
 * images service, which uploaded images are read from, the pages' services, and what Open Badges 3.0 signs with
 * (issuer keys, status lists, and the server secret recipients' salts derive from).
 */
export type Requirements<C extends ReadonlyArray<AnyContract> = typeof contracts> =
  | Exclude<Contract.Contract.Context<C[number]>, PublicUrl.PublicUrl>
  | Organisations.Organisations
  | Definitions.Definitions
  | Images.Images
  | Grants.Grants
  | ClaimCodes.ClaimCodes
  | Awards.Awards
  | IssuerKeys.IssuerKeys
  | StatusLists.StatusLists
  | ServerSecrets.ServerSecrets
  | PublicBadges.PublicBadges

/**
 * `HttpApiBuilder.serve`, with the requests' fibers started in a context of their own rather than in every service
 * the server was built with: each service provided while a request runs (its route, span, credentials' principal)
 * copies and compares the whole context, and a small one keeps that cheap. It holds what the HTTP stack reads from
 * it (the server, its platform, files and paths, the scope) and what every request starts with: it acts as no one
 * until a contract's credentials name its principal, so that an endpoint given no credentials may do nothing instead
 * of acting for the host app (the engine's default actor); its body is read up to the limit. Handlers and middlewares
 * hold the services they were built with, as `HttpApiBuilder` gives them.
 */
const serveInOwnContext = (middleware: HttpMiddleware.HttpMiddleware, maxBodyBytes: number) =>
  Layer.scopedDiscard(Effect.gen(function*() {
    const app = yield* HttpApiBuilder.httpApp
    const server = yield* HttpServer.HttpServer
    const requests = Context.pick(
      HttpServer.HttpServer,
      Scope.Scope,
      HttpPlatform.HttpPlatform,
      Etag.Generator,
      FileSystem.FileSystem,
      Path.Path
    )(yield* Effect.context<RequestServices>()).pipe(
      Context.add(Actor.CurrentActor, Actor.anonymous),
      Context.add(HttpIncomingMessage.MaxBodySize, Option.some(FileSystem.Size(maxBodyBytes)))
    )
    // In place of the context, not merged into it as `Effect.provide` would.
    yield* Effect.mapInputContext(server.serve(app, middleware), (): Context.Context<RequestServices> => requests)
  })).pipe(Layer.provide([HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer]))

type RequestServices =
  | HttpServer.HttpServer
  | Scope.Scope
  | HttpPlatform.HttpPlatform
  | Etag.Generator
  | FileSystem.FileSystem
  | Path.Path

/**
 * One structured log line per request: method, path (no query: it can carry ids; no accept link's key), status and
 * duration.
 */
const requestLog = HttpMiddleware.make((app) =>
  Effect.withFiberRuntime<
    Effect.Effect.Success<typeof app>,
    Effect.Effect.Error<typeof app>,
    Effect.Effect.Context<typeof app>
  >((fiber) => {
    const request = Context.unsafeGet(fiber.currentContext, HttpServerRequest.HttpServerRequest)
    const started = Date.now()
    return Effect.flatMap(app, (response) =>
      Effect.as(
        Effect.annotateLogs(Effect.logInfo("request"), {
          method: request.method,
          path: Pages.redactPath(request.url.split("?")[0]!),
          status: response.status,
          ms: Date.now() - started
        }),
        response
      ))
  })
)

/**
 * The server over the engine services and an {@link Authenticator} in context. Host apps that bring their own
 * authentication provide their `Authenticator` layer here.
 */
export const layerWith = <const C extends ReadonlyArray<AnyContract> = typeof contracts>(
  options: Options<C> = {}
): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, Requirements<C>> => {
  const served: ReadonlyArray<AnyContract> = options.contracts ?? contracts
  const host = options.host ?? "127.0.0.1"
  const publicUrl = options.publicUrl === undefined
    ? PublicUrl.fromAddress(host)
    : PublicUrl.layer(options.publicUrl)
  const shapes: ErrorShapes.Options = {
    contracts: served,
    others: [...Pages.shapes, ...OpenBadgesV2.shapes],
    fallback: V1.contract.errorShape,
    maxBodyBytes: options.maxBodyBytes
  }
  return serveInOwnContext(requestLog, options.maxBodyBytes ?? ErrorShapes.defaultMaxBodyBytes).pipe(
    Layer.provide(ApiReference.layer("/docs")),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" })),
    Layer.provide(ErrorShapes.layer(shapes)),
    Layer.provide(Contract.mount(apiOf(served), served)),
    Layer.provide(
      Layer.mergeAll(HealthHttp, BadgeImageHttp, ImagesHttp, CredentialsHttp, Pages.handlers, OpenBadgesV2.handlers)
    ),
    Layer.provide(publicUrl),
    (server) =>
      options.badgekitSecret === undefined
        ? server
        : Layer.provide(server, Layer.succeed(MasterSecret, Option.some(Redacted.make(options.badgekitSecret)))),
    // A trace records the full URL: an accept link's key, or BadgeFed's key as a query parameter, would leave with it.
    HttpMiddleware.withTracerDisabledWhen(
      options.traced === false
        ? () => true
        : (request) => Pages.isSecretLink(request.url) || carriesApiKey(request.url)
    ),
    HttpServer.withLogAddress,
    Layer.provideMerge(
      NodeHttpServer.layer(NodeServer.make(ErrorShapes.shapeFor(shapes)), { port: options.port ?? 3000, host })
    ),
    // Traces print request headers but these, which carry credentials: BadgeFed's `X-ApiKey` besides Effect's own.
    (server) => Layer.locallyWith(server, Headers.currentRedactedNames, (names) => [...names, "x-apikey"]),
    // Badgr's ref is the base64url of a whole openBadgeId URL: path parameters up to 256 characters (default 100).
    // BadgeKit's clients may end any path with a slash.
    (server) =>
      Layer.locallyWith(server, HttpRouter.currentRouterConfig, (config) => ({
        ...config,
        maxParamLength: 256,
        ignoreTrailingSlash: true
      }))
  )
}

/** Whether a URL's query has an `apiKey` parameter, in any case: BadgeFed's key, which no trace may record. */
const carriesApiKey = (url: string): boolean => {
  const query = url.indexOf("?")
  if (query === -1) return false
  for (const name of new URLSearchParams(url.slice(query + 1)).keys()) {
    if (name.toLowerCase() === "apikey") return true
  }
  return false
}

/**
 * Reports expired awards every minute while the server runs (`BadgeExpired` events; their `maxAwards` places freed).
 * Several processes may do it at once: each expiry is reported by exactly one of them.
 */
export const expiryLayer: Layer.Layer<never, never, Awards.Awards> = Layer.scopedDiscard(
  Effect.flatMap(Awards.Awards, (awards) =>
    awards.expireDue.pipe(
      Effect.catchAll((error) => Effect.logWarning("expiring awards failed; trying again in a minute", error)),
      Effect.repeat(Schedule.spaced("1 minute")),
      Effect.forkScoped
    ))
)

/**
 * The job worker's settings: the defaults, with the lease from `BADGE_ENGINE_JOB_LEASE_SECONDS` when set (how long
 * after a process dies its running jobs are taken over).
 */
export const workerSettings: Layer.Layer<JobWorker.Settings> = Layer.effect(
  JobWorker.Settings,
  Config.integer("BADGE_ENGINE_JOB_LEASE_SECONDS").pipe(
    Config.option,
    Effect.orElseSucceed(() => Option.none<number>()),
    Effect.map((lease) => ({
      ...JobWorker.Settings.defaultValue(),
      ...(Option.isSome(lease) && lease.value > 0 ? { lease: Duration.seconds(lease.value) } : {})
    }))
  )
)

/**
 * The whole server over the stores: the engine (with its job worker: backfills and webhook deliveries), API keys,
 * the expiry reporter and the server.
 */
export const layer = (
  options: Options = {}
): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, Stores> =>
  Layer.merge(layerWith(options), expiryLayer).pipe(
    Layer.provide(Authenticator.apiKeys),
    Layer.provide(Engine.layer.pipe(Layer.provide(workerSettings))),
    // Read by registrations (handlers) and deliveries (the engine's worker) alike.
    Layer.provide(Layer.merge(WebhookDestinations.layerConfig, WebhookConnections.layer))
  )
