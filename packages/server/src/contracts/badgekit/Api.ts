/**
 * The BadgeKit contract's API under `/systems`. Each group declares BadgeKit's errors itself, so in a document shared
 * with other contracts they stay with BadgeKit's endpoints.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import { BadgesApi } from "./BadgesApi.js"
import { SystemsApi } from "./SystemsApi.js"

/** The path every BadgeKit endpoint lies under. */
export const prefix = "/systems"

/** The BadgeKit API: the hierarchy first, so `/systems/{system}/badges` is not read as an issuer path. */
export class Api extends HttpApi.make("badgekit").add(SystemsApi).add(BadgesApi) {}
