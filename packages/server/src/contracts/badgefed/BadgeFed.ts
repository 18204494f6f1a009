/**
 * The BadgeFed contract as the server mounts it: its prefix, API, handlers behind API-key credentials, and error
 * shape. Its badges are the badge definitions of the organisation the API key acts for.
 *
 * @since 0.1.0
 */
import type { Definitions, Grants, Organisations } from "@badge-engine/core"
import { Layer } from "effect"
import type { Authenticator } from "../../auth/Authenticator.js"
import type { PublicUrl } from "../../PublicUrl.js"
import * as Contract from "../Contract.js"
import { Api, prefix } from "./Api.js"
import { BadgesHttp } from "./BadgesHttp.js"
import { ApiKeyAuthenticationLive } from "./Credentials.js"
import { errorShape } from "./Errors.js"
import { GrantsHttp } from "./GrantsHttp.js"
import * as NoteUrls from "./NoteUrls.js"

/** What the BadgeFed handlers need: engine services, an authenticator and the public URL. */
export type Requirements =
  | Definitions.Definitions
  | Grants.Grants
  | Organisations.Organisations
  | Authenticator
  | PublicUrl

/** The BadgeFed contract. */
export const contract: Contract.Contract<Requirements> = Contract.make({
  prefix,
  api: Api,
  handlers: Layer.mergeAll(BadgesHttp, GrantsHttp, NoteUrls.layer).pipe(Layer.provide(ApiKeyAuthenticationLive)),
  errorShape
})
