/**
 * The browsable API page at `/docs` (Scalar, served from this package, no CDN), made on its first request: the page
 * inlines Scalar's 3.4 MB script, which loaded at start would cost the server about 40 MB of resident memory
 * whether anyone opens the page or not.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect, Layer } from "effect"

/**
 * Routes `path` to the API page, which is built on its first request (a router of its own holding only that page)
 * and kept.
 *
 * @since 0.1.0
 */
export const layer = (path: `/${string}`) =>
  HttpApiBuilder.Router.use((router) =>
    Effect.gen(function*() {
      const api = yield* HttpApi.Api
      const page = yield* Effect.cached(
        Effect.promise(() => import("@effect/platform/HttpApiScalar")).pipe(
          Effect.flatMap((Scalar) =>
            HttpApiBuilder.Router.router.pipe(
              Effect.provide(Layer.provideMerge(Scalar.layer({ path }), HttpApiBuilder.Router.Live))
            )
          ),
          Effect.provideService(HttpApi.Api, api)
        )
      )
      yield* router.get(path, Effect.flatten(page))
    })
  )
