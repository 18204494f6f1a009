/**
 * Badge images: `/badge-image/{serial}` redirects to a badge definition's image, so the URLs the contracts print
 * (BadgeFed's `image`) stay the server's own. Public, and under no contract's prefix: it answers, and is documented,
 * in the server's fallback error shape, v1's, as health does.
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

const serial = HttpApiSchema.param("serial", Schema.String)

/** The path of a badge's image, as the contracts print it. */
export const imagePath = (serial: number): string => `/badge-image/${serial}`

/** A badge serial in a path: a whole number above 0, else nothing (every other value names no badge). */
export const serialOf = (value: string): number | undefined => {
  const parsed = /^\d{1,16}$/.test(value) ? Number(value) : NaN
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined
}

/** The badge images group: no credentials needed. */
export class BadgeImageGroup extends HttpApiGroup.make("badgeImages")
  .add(
    HttpApiEndpoint.get("image")`/badge-image/${serial}`
      .addSuccess(HttpApiSchema.Empty(302).annotations({ description: "Found: `Location` is the badge's image" }))
      .annotate(OpenApi.Summary, "Redirects to a badge's image, by the badge's serial (BadgeFed's badge id)")
  )
  .addError(V1Error)
{}

/** The badge images API: the group alone. */
export class BadgeImageApi extends HttpApi.make("badgeImages").add(BadgeImageGroup) {}
