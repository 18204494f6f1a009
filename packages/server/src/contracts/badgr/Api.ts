/**
 * The Badgr v2 contract's API under `/v2`. Each group declares Badgr's errors and credentials itself, so in a
 * document shared with other contracts they stay with Badgr's endpoints.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import { AssertionsApi } from "./AssertionsApi.js"
import { BadgeClassesApi } from "./BadgeClassesApi.js"
import { ClaimCodesApi } from "./ClaimCodesApi.js"
import { IssuersApi } from "./IssuersApi.js"

/** The path every Badgr v2 endpoint lies under. */
export const prefix = "/v2"

/** The Badgr v2 API. */
export class Api extends HttpApi.make("badgr")
  .add(IssuersApi)
  .add(BadgeClassesApi)
  .add(AssertionsApi)
  .add(ClaimCodesApi)
  // Last: a prefix reaches only the endpoints added before it.
  .prefix(prefix)
{}
