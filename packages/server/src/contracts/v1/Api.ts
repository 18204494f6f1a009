/**
 * The HTTP API: every contract group, and the error shape they share.
 *
 * @since 0.1.0
 */
import { HttpApi, OpenApi } from "@effect/platform"
import { HealthApi } from "../../health/HealthApi.js"
import { ActivitiesApi } from "./ActivitiesApi.js"
import { BadgeDefinitionsApi } from "./BadgeDefinitionsApi.js"
import { EarnedBadgesApi } from "./EarnedBadgesApi.js"
import { BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unavailable } from "./Errors.js"

/** The badge-engine HTTP API. */
export class Api extends HttpApi.make("badge-engine")
  .add(BadgeDefinitionsApi)
  .add(EarnedBadgesApi)
  .add(ActivitiesApi)
  .add(HealthApi)
  .addError(BadRequest)
  .addError(Unauthorized)
  .addError(Forbidden)
  .addError(NotFound)
  .addError(Conflict)
  .addError(PayloadTooLarge)
  .addError(Unavailable)
  .annotate(OpenApi.Title, "badge-engine")
  .annotate(OpenApi.Version, "0.1.0")
  .annotate(
    OpenApi.Description,
    "Badge definitions, earned badges, activities and progress. Authenticate with `Authorization: Bearer <api key>`."
  )
{}
