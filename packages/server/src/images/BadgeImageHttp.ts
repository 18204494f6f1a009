/**
 * The badge image handler: a redirect to the definition's image, read as the host, since images are public. A
 * deleted definition, one without an image and a serial never assigned are all not found.
 *
 * @since 0.1.0
 */
import { Actor, Definitions } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"
import { notFound, unavailable } from "../contracts/v1/Errors.js"
import { BadgeImageApi, serialOf } from "./BadgeImageApi.js"

/** The badge image handler over the definitions service. */
export const BadgeImageHttp = HttpApiBuilder.group(BadgeImageApi, "badgeImages", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    return handlers.handle("image", ({ path }) =>
      Effect.gen(function*() {
        const missing = notFound(`no image for badge ${path.serial}`)
        const serial = serialOf(path.serial)
        if (serial === undefined) return yield* Effect.fail(missing)
        const definition = yield* definitions.getBySerial(undefined, serial).pipe(
          // Images are public: the server reads the definition itself, whoever asks.
          Actor.actingAs(new Actor.Host()),
          Effect.catchTags({
            NotFound: () => Effect.fail(missing),
            Forbidden: () => Effect.fail(missing),
            StoreError: (error) =>
              Effect.zipRight(Effect.logError(error.message, error.cause), Effect.fail(unavailable()))
          })
        )
        if (definition.imageUrl === undefined) return yield* Effect.fail(missing)
        return HttpServerResponse.redirect(definition.imageUrl, { status: 302 })
      }))
  }))
