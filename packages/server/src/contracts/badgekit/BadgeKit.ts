/**
 * The BadgeKit contract as the server mounts it: `/systems`, every request signed with BadgeKit's JWT, answered in
 * BadgeKit's error shape.
 *
 * @since 0.1.0
 */
import type { BadgeKitKeys, Definitions, IdGenerator, Images, Issuers, Organisations } from "@badge-engine/core"
import { Layer } from "effect"
import type { PublicUrl } from "../../PublicUrl.js"
import * as Contract from "../Contract.js"
import { Api, prefix } from "./Api.js"
import { BadgesHttp } from "./BadgesHttp.js"
import { errorShape } from "./Errors.js"
import { HealthcheckHttpApi, PublicHttpApi } from "./PublicApi.js"
import { HealthcheckHttp, PublicImagesHttp } from "./PublicHttp.js"
import { SystemsHttp } from "./SystemsHttp.js"

/** What the BadgeKit handlers need: engine services (images for uploads, keys for signatures) and the public URL. */
export type Requirements =
  | Organisations.Organisations
  | Issuers.Issuers
  | Definitions.Definitions
  | Images.Images
  | BadgeKitKeys.BadgeKitKeys
  | IdGenerator
  | PublicUrl

/** The BadgeKit contract. */
export const contract: Contract.Contract<Requirements> = Contract.make({
  prefix,
  api: Api,
  handlers: Layer.mergeAll(SystemsHttp, BadgesHttp),
  errorShape,
  // Badges come as multipart too; the handlers read every body themselves, since the signature covers its bytes.
  takesUploads: true
})

/** `GET /healthcheck`, BadgeKit's, without credentials. */
export const healthcheck: Contract.Contract<Organisations.Organisations> = Contract.make({
  prefix: "/healthcheck",
  api: HealthcheckHttpApi,
  handlers: HealthcheckHttp,
  errorShape
})

/** `GET /public/images/{slug}`, without credentials (beside Open Badges' documents under `/public`). */
export const publicImages: Contract.Contract<Definitions.Definitions> = Contract.make({
  prefix: "/public/images",
  api: PublicHttpApi,
  handlers: PublicImagesHttp,
  errorShape
})
