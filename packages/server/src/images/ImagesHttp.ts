/**
 * The uploaded image handler: the bytes with their media type, cached for ever (the path is their hash), never
 * sniffed, and SVGs under a policy that lets them run and load nothing.
 *
 * @since 0.1.0
 */
import { Images } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"
import { notFound, unavailable } from "../contracts/v1/Errors.js"
import { ImagesApi } from "./ImagesApi.js"

const headers = {
  "Cache-Control": "public, max-age=31536000, immutable",
  "X-Content-Type-Options": "nosniff"
}

const svgHeaders = { ...headers, "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" }

/** The uploaded image handler over the images service. */
export const ImagesHttp = HttpApiBuilder.group(ImagesApi, "images", (handlers) =>
  Effect.gen(function*() {
    const images = yield* Images.Images
    return handlers.handle("image", ({ path }) =>
      images.get(path.hash).pipe(
        Effect.map((image) =>
          HttpServerResponse.uint8Array(image.bytes, {
            contentType: image.mediaType,
            headers: image.mediaType === "image/svg+xml" ? svgHeaders : headers
          })
        ),
        Effect.catchTags({
          NotFound: () => Effect.fail(notFound(`no image ${path.hash}`)),
          StoreError: (error) =>
            Effect.zipRight(Effect.logError(error.message, error.cause), Effect.fail(unavailable()))
        })
      ))
  }))
