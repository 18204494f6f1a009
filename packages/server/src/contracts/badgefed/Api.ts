/**
 * The BadgeFed contract's API: badges and grants under `/api/badges`. Each group declares BadgeFed's errors and
 * credentials itself, so in a document shared with other contracts they stay with BadgeFed's endpoints.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import { BadgesApi } from "./BadgesApi.js"
import { GrantsApi } from "./GrantsApi.js"

/** The path every BadgeFed endpoint lies under. */
export const prefix = "/api/badges"

/** The BadgeFed API. */
export class Api extends HttpApi.make("badgefed")
  .add(BadgesApi)
  .add(GrantsApi)
  // Last: a prefix reaches only the endpoints added before it.
  .prefix(prefix)
{}
