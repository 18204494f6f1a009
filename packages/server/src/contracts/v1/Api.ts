/**
 * The v1 contracts' API: badge definitions, earned badges, activities and progress under `/api/v1`, with the
 * errors they share.
 *
 * @since 0.1.0
 */
import { HttpApi } from "@effect/platform"
import { ActivitiesApi } from "./ActivitiesApi.js"
import { BadgeDefinitionsApi } from "./BadgeDefinitionsApi.js"
import { EarnedBadgesApi } from "./EarnedBadgesApi.js"
import { BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unavailable } from "./Errors.js"

/** The path every v1 endpoint lies under; the groups declare their paths below it. */
export const prefix = "/api/v1"

/** The v1 API. */
export class Api extends HttpApi.make("v1")
  .add(BadgeDefinitionsApi)
  .add(EarnedBadgesApi)
  .add(ActivitiesApi)
  .addError(BadRequest)
  .addError(Unauthorized)
  .addError(Forbidden)
  .addError(NotFound)
  .addError(Conflict)
  .addError(PayloadTooLarge)
  .addError(Unavailable)
  // Last: a prefix reaches only the endpoints added before it.
  .prefix(prefix)
{}
