/**
 * What a contract is: a wire protocol the server speaks under a path prefix of its own, with its own endpoints,
 * handlers, JSON, credentials and error shape. The server serves a list of contracts side by side; requests under a
 * contract's prefix that never reach a handler (bad input, malformed or oversized bodies, unknown routes) are
 * answered in that contract's {@link ErrorShape}.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiError from "@effect/platform/HttpApiError"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type Context, Effect, Layer, Option } from "effect"

/** How a contract answers what the router and the decoders reject before any handler runs. */
export interface ErrorShape {
  /** The path, query, headers or body did not match the endpoint's schemas. */
  readonly invalidRequest: (error: HttpApiError.HttpApiDecodeError) => HttpServerResponse.HttpServerResponse
  /** The body could not be read as its content type says (malformed JSON). */
  readonly malformedBody: () => HttpServerResponse.HttpServerResponse
  /** The body is larger than the server accepts. */
  readonly payloadTooLarge: (maxBodyBytes: number) => HttpServerResponse.HttpServerResponse
  /** No endpoint answers this method and path. */
  readonly routeNotFound: (method: string, path: string) => HttpServerResponse.HttpServerResponse
  /** The body's content type is one no endpoint here reads (multipart, where nothing takes uploads): 415. */
  readonly unsupportedMediaType: () => HttpServerResponse.HttpServerResponse
  /** The request's headers are larger than the server reads (431). */
  readonly headersTooLarge: (maxHeaderBytes: number) => HttpServerResponse.HttpServerResponse
}

/** A contract the server can serve; `R` is what its handlers need (engine services, an authenticator). */
export interface Contract<out R = never> {
  /** The path prefix it owns, e.g. `/api/v1`: its endpoints lie under it, and the paths under it are its own. */
  readonly prefix: string
  /** Its endpoint groups, errors and credential middleware: its part of the router and of the OpenAPI document. */
  readonly api: HttpApi.HttpApi.AnyWithProps
  /** Its handlers, with its credential middleware provided. */
  readonly handlers: Layer.Layer<never, never, R>
  /** How it answers requests under its prefix that never reach a handler. */
  readonly errorShape: ErrorShape
  /** Whether an endpoint of it takes `multipart/form-data`; without one, a multipart body is refused unread. */
  readonly takesUploads: boolean
}

/** Types of contracts. */
export declare namespace Contract {
  /** Any contract. */
  export type Any = Contract<any>
  /** What a contract's handlers need. */
  export type Context<C> = C extends Contract<infer R> ? R : never
}

/** Whether a path lies under a prefix: the prefix itself, or below it. */
export const owns = (prefix: string, path: string): boolean => path === prefix || path.startsWith(`${prefix}/`)

/**
 * Declares a contract. The compiler checks that `handlers` implements every group of `api` (as
 * `HttpApiBuilder.api` does). Refused when the module loads: an endpoint outside `prefix`; errors or middleware
 * on the whole `api` rather than on its groups (in the server's one document, the errors would spread to every
 * contract's endpoints, and the middleware would not run).
 */
export const make = <Id extends string, Groups extends HttpApiGroup.HttpApiGroup.Any, E, ER, R>(options: {
  readonly prefix: `/${string}`
  readonly api: HttpApi.HttpApi<Id, Groups, E, ER>
  readonly handlers: Layer.Layer<HttpApiGroup.HttpApiGroup.ToService<Id, Groups>, never, R>
  readonly errorShape: ErrorShape
  /**
   * Whether it takes multipart bodies though no endpoint declares a multipart payload: for a contract whose handlers
   * read their bodies themselves (BadgeKit's signature covers the raw bytes). Default: read from the payloads.
   */
  readonly takesUploads?: boolean | undefined
}): Contract<R | ER | HttpApiGroup.HttpApiGroup.ErrorContext<Groups>> => {
  const api = options.api as unknown as HttpApi.HttpApi.AnyWithProps
  if (api.middlewares.size > 0 || api.errorSchema !== HttpApiError.HttpApiDecodeError) {
    throw new Error(`contract ${options.prefix}: declare errors and middleware on its groups, not on its HttpApi`)
  }
  for (const group of Object.values(api.groups)) {
    for (const endpoint of Object.values(group.endpoints)) {
      if (!owns(options.prefix, endpoint.path)) {
        throw new Error(`contract ${options.prefix}: ${group.identifier}.${endpoint.name} is at ${endpoint.path}`)
      }
    }
  }
  return {
    prefix: options.prefix,
    api,
    handlers: options.handlers,
    errorShape: options.errorShape,
    takesUploads: options.takesUploads ??
      Object.values(api.groups).some((group) =>
        Object.values(group.endpoints).some((endpoint) =>
          Option.exists(
            endpoint.payloadSchema,
            ({ ast }) =>
              HttpApiSchema.getMultipart(ast) !== undefined || HttpApiSchema.getMultipartStream(ast) !== undefined
          )
        )
      )
  }
}

/**
 * One API holding every contract's groups, in order, after those of `base`: what the router and OpenAPI read. Group
 * names are the document's tags and operation ids, so two contracts may not share one.
 */
export const combine = (
  base: HttpApi.HttpApi.AnyWithProps,
  contracts: ReadonlyArray<Contract.Any>
): HttpApi.HttpApi.AnyWithProps =>
  contracts.reduce((api, contract) => {
    const taken = Object.keys(contract.api.groups).filter((name) => name in api.groups)
    if (taken.length > 0) throw new Error(`contract ${contract.prefix}: group names already taken: ${taken.join(", ")}`)
    return api.addHttpApi(contract.api)
  }, base)

/**
 * Mounts the contracts: the `HttpApi.Api` of an API made with {@link combine}, with every contract's handlers. The
 * groups are implemented by the contracts' handlers (checked in {@link make}), so no group is asked for here.
 */
export const mount = <const C extends ReadonlyArray<Contract.Any>>(
  api: HttpApi.HttpApi.Any,
  contracts: C
): Layer.Layer<HttpApi.Api, never, Contract.Context<C[number]>> => {
  const handlers = contracts.reduce<Layer.Layer<never, never, any>>(
    (all, contract) => Layer.merge(all, contract.handlers),
    Layer.empty
  )
  // The service holds the API as `HttpApiBuilder.api` does: its types are the contracts' business, checked in `make`.
  const service = Effect.map(Effect.context<never>(), (context) => ({ api: api as unknown as Served, context }))
  return Layer.effect(HttpApi.Api, service).pipe(Layer.provide(handlers))
}

type Served = Context.Tag.Service<HttpApi.Api>["api"]
