/**
 * Handlers of BadgeKit's public endpoints, read as the host app: images are public, and health asks the server's own
 * database.
 *
 * @since 0.1.0
 */
import { Actor, Definitions, type OrganisationId, Organisations } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"
import { notFound } from "./Errors.js"
import { respond } from "./Failures.js"
import { HealthcheckHttpApi, PublicHttpApi } from "./PublicApi.js"

/** An organisation id no one has: reading it is a round trip to the database that finds nothing. */
const probe = "badgekit-health-check" as OrganisationId

/** The health check handler. */
export const HealthcheckHttp = HttpApiBuilder.group(
  HealthcheckHttpApi,
  "badgekitHealthcheck",
  (handlers) =>
    Effect.gen(function*() {
      const organisations = yield* Organisations.Organisations
      return handlers.handle("healthcheck", () =>
        organisations.get(probe).pipe(
          Effect.catchTag("NotFound", () => Effect.void),
          Effect.as(HttpServerResponse.unsafeJson({ app: "badge-engine", status: "OK", database: "OK" })),
          respond,
          Actor.actingAs(new Actor.Host())
        ))
    })
)

/** The public images handler: a 301 to the badge's image. */
export const PublicImagesHttp = HttpApiBuilder.group(
  PublicHttpApi,
  "badgekitPublicImages",
  (handlers) =>
    Effect.gen(function*() {
      const definitions = yield* Definitions.Definitions
      return handlers.handle("image", ({ path }) =>
        definitions.getByServerSlug(path.slug).pipe(
          // A badge that is not BadgeKit's, or that the host app may not read, has no public image either.
          Effect.catchTags({
            NotFound: () => Effect.fail(notFound("image", path.slug)),
            Forbidden: () => Effect.fail(notFound("image", path.slug))
          }),
          Effect.flatMap((definition) =>
            definition.imageUrl === undefined
              ? Effect.fail(notFound("image", path.slug))
              : Effect.succeed(definition.imageUrl)
          ),
          Effect.map((location) => HttpServerResponse.unsafeJson({ location }, { status: 301, headers: { location } })),
          respond,
          Actor.actingAs(new Actor.Host())
        ))
    })
)
