/**
 * Uploaded images: `/images/{hash}` answers the bytes of an image uploaded as a `data:` URI (Badgr's `image`), by the
 * hex SHA-256 of its bytes. Public, and under no contract's prefix, as the badge-image redirect.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { V1Error } from "../contracts/v1/Errors.js"

const hash = HttpApiSchema.param("hash", Schema.String)

/** The path of an uploaded image, by its hash. */
export const uploadedImagePath = (hash: string): string => `/images/${hash}`

/** The uploaded images group: no credentials needed. */
export class ImagesGroup extends HttpApiGroup.make("images")
  .add(
    HttpApiEndpoint.get("image")`/images/${hash}`
      .addSuccess(HttpApiSchema.Empty(200).annotations({ description: "The image's bytes, as PNG or SVG" }))
      .annotate(OpenApi.Summary, "An uploaded image, by the hex SHA-256 of its bytes; cached for ever")
  )
  .addError(V1Error)
{}

/** The uploaded images API: the group alone. */
export class ImagesApi extends HttpApi.make("images").add(ImagesGroup) {}
