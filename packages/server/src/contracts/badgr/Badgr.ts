/**
 * The Badgr v2 contract as the server mounts it: `/v2` behind Bearer tokens with scopes, in Badgr's envelope.
 *
 * @since 0.1.0
 */
import type { Awards, ClaimCodes, Definitions, Images, Issuers, ServerSecrets } from "@badge-engine/core"
import { Layer } from "effect"
import type { Authenticator } from "../../auth/Authenticator.js"
import type { PublicUrl } from "../../PublicUrl.js"
import * as Contract from "../Contract.js"
import { Api, prefix } from "./Api.js"
import { AssertionsHttp } from "./AssertionsHttp.js"
import { BadgeClassesHttp } from "./BadgeClassesHttp.js"
import { ClaimCodesHttp } from "./ClaimCodesHttp.js"
import { BearerAuthenticationLive } from "./Credentials.js"
import { errorShape } from "./Errors.js"
import { IssuersHttp } from "./IssuersHttp.js"

/** What the Badgr handlers need: engine services (images for uploads), an authenticator and the public URL. */
export type Requirements =
  | Issuers.Issuers
  | Definitions.Definitions
  | Awards.Awards
  | ClaimCodes.ClaimCodes
  | Images.Images
  | Authenticator
  | PublicUrl
  | ServerSecrets.ServerSecrets

/** The Badgr v2 contract. */
export const contract: Contract.Contract<Requirements> = Contract.make({
  prefix,
  api: Api,
  handlers: Layer.mergeAll(IssuersHttp, BadgeClassesHttp, AssertionsHttp, ClaimCodesHttp).pipe(
    Layer.provide(BearerAuthenticationLive)
  ),
  errorShape
})
