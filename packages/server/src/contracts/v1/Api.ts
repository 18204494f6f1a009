/**
 * The v1 contracts' API: badge definitions, earned badges, activities and progress, grant revocation, webhook
 * endpoints and background jobs, under
 * `/api/v1`. Each group
 * declares v1's errors itself, so in a document shared with other contracts they stay with v1's endpoints.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import { ActivitiesApi } from "./ActivitiesApi.js"
import { BadgeDefinitionsApi } from "./BadgeDefinitionsApi.js"
import { EarnedBadgesApi } from "./EarnedBadgesApi.js"
import { GrantsApi } from "./GrantsApi.js"
import { WebhooksApi } from "./WebhooksApi.js"

/** The path every v1 endpoint lies under; the groups declare their paths below it. */
export const prefix = "/api/v1"

/** The v1 API. */
export class Api extends HttpApi.make("v1")
  .add(BadgeDefinitionsApi)
  .add(EarnedBadgesApi)
  .add(ActivitiesApi)
  .add(GrantsApi)
  .add(WebhooksApi)
  // Last: a prefix reaches only the endpoints added before it.
  .prefix(prefix)
{}
