/**
 * Open Badges 2.0 hosting, as the server mounts it: its API (kept out of the OpenAPI document), its handlers and
 * the error shape of its prefixes (JSON `{ "error": … }`).
 *
 * @since 0.1.0
 */
import type { Images, PublicBadges, ServerSecrets } from "@badge-engine/core"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type { Layer } from "effect"
import type { ErrorShape } from "../../contracts/Contract.js"
import type { Shaped } from "../../contracts/ErrorShapes.js"
import type { PublicUrl } from "../../PublicUrl.js"
import { OpenBadgesV2Api } from "./Api.js"
import { failure, OpenBadgesV2Http } from "./Http.js"
import { prefixes } from "./Paths.js"

/** The hosted documents' API, which the server adds beside the contracts. */
export const api = OpenBadgesV2Api

/**
 * The handlers, over the public records, the uploaded images, the secret recipients' salts derive from and the public
 * URL every id starts with.
 */
export const handlers: Layer.Layer<
  HttpApiGroup.ApiGroup<"openBadgesV2", "openBadgesV2">,
  never,
  PublicBadges.PublicBadges | Images.Images | ServerSecrets.ServerSecrets | PublicUrl
> = OpenBadgesV2Http

const errorShape: ErrorShape = {
  invalidRequest: () => failure(400, "the request could not be read"),
  malformedBody: () => failure(400, "the request's body could not be read"),
  payloadTooLarge: (max) => failure(413, `the request's body is over ${max} bytes`),
  unsupportedMediaType: () => failure(415, "the hosted documents take no request body"),
  headersTooLarge: () => failure(431, "the request's headers are too large"),
  routeNotFound: (method, path) => failure(404, `no document at ${method} ${path}`)
}

/** The prefixes of the hosted documents, answering what never reaches a handler in JSON. */
export const shapes: ReadonlyArray<Shaped> = Object.values(prefixes).map((prefix) => ({ prefix, errorShape }))
