/**
 * BadgeKit's endpoints outside `/systems`, which need no credentials: `GET /healthcheck`, and
 * `GET /public/images/{slug}`, a badge's image by the badge's slug. Each prefix is a contract of its own, answering
 * in BadgeKit's error shape.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { BadgeKitErrors } from "./Errors.js"

const slug = HttpApiSchema.param("slug", Schema.String)

/** The health check group. */
export class HealthcheckApi extends HttpApiGroup.make("badgekitHealthcheck")
  .add(
    HttpApiEndpoint.get("healthcheck", "/healthcheck")
      .addSuccess(Schema.Struct({ app: Schema.String, status: Schema.Literal("OK"), database: Schema.Literal("OK") }))
      .annotate(OpenApi.Summary, "BadgeKit's health check: whether the server and its database answer")
  )
  .addError(BadgeKitErrors)
{}

/** The public images group. */
export class PublicImagesApi extends HttpApiGroup.make("badgekitPublicImages")
  .add(
    HttpApiEndpoint.get("image")`/public/images/${slug}`
      .addSuccess(
        Schema.Struct({ location: Schema.String }).annotations({
          ...HttpApiSchema.annotations({ status: 301 }),
          description: "Moved: `Location` (and the body's `location`) is the badge's image"
        })
      )
      .annotate(OpenApi.Summary, "A BadgeKit badge's image, by the badge's slug")
  )
  .addError(BadgeKitErrors)
{}

/** `/healthcheck`. */
export class HealthcheckHttpApi extends HttpApi.make("badgekitHealthcheck").add(HealthcheckApi) {}
/** `/public`. */
export class PublicHttpApi extends HttpApi.make("badgekitPublic").add(PublicImagesApi) {}
