/**
 * The v1 contract as the server mounts it: its prefix, API, handlers behind bearer credentials, and error shape.
 *
 * @since 0.1.0
 */
import type { Activities, Awards, Definitions, Grants, Jobs, Progress, Webhooks } from "@badge-engine/core"
import { Layer } from "effect"
import type { Authenticator } from "../../auth/Authenticator.js"
import * as Contract from "../Contract.js"
import { ActivitiesHttp } from "./ActivitiesHttp.js"
import { Api, prefix } from "./Api.js"
import { BadgeDefinitionsHttp } from "./BadgeDefinitionsHttp.js"
import { AuthenticationLive } from "./Credentials.js"
import { EarnedBadgesHttp } from "./EarnedBadgesHttp.js"
import { errorShape } from "./Errors.js"
import { GrantsHttp } from "./GrantsHttp.js"
import { WebhooksHttp } from "./WebhooksHttp.js"

/** What the v1 handlers need: engine services and an authenticator. */
export type Requirements =
  | Activities.Activities
  | Awards.Awards
  | Grants.Grants
  | Definitions.Definitions
  | Progress.Progress
  | Webhooks.Webhooks
  | Jobs.Jobs
  | Authenticator

/** The v1 contract. */
export const contract: Contract.Contract<Requirements> = Contract.make({
  prefix,
  api: Api,
  handlers: Layer.mergeAll(BadgeDefinitionsHttp, EarnedBadgesHttp, ActivitiesHttp, GrantsHttp, WebhooksHttp).pipe(
    Layer.provide(AuthenticationLive)
  ),
  errorShape
})
