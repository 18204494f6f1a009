/**
 * The whole engine as one layer: give it the stores (`@badge-engine/sqlite` or `@badge-engine/pg`) and go.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import * as Activities from "./activities/Activities.js"
import * as ApiKeys from "./api-keys/ApiKeys.js"
import * as AwardIssuing from "./awards/AwardIssuing.js"
import * as Awards from "./awards/Awards.js"
import * as BadgeKitKeys from "./badgekit-keys/BadgeKitKeys.js"
import * as ClaimCodes from "./claim-codes/ClaimCodes.js"
import * as Backfill from "./criteria/Backfill.js"
import * as BackfillJob from "./criteria/BackfillJob.js"
import type * as Criteria from "./criteria/Criteria.js"
import * as CriteriaRegistry from "./criteria/CriteriaRegistry.js"
import * as Evaluation from "./criteria/Evaluation.js"
import * as Progress from "./criteria/Progress.js"
import * as Definitions from "./definitions/Definitions.js"
import { BadgeEvents } from "./Events.js"
import * as Grants from "./grants/Grants.js"
import { IdGenerator } from "./Ids.js"
import * as Images from "./images/Images.js"
import * as Jobs from "./jobs/Jobs.js"
import * as JobWorker from "./jobs/JobWorker.js"
import * as IssuerKeys from "./openbadges/IssuerKeys.js"
import * as PublicBadges from "./openbadges/PublicBadges.js"
import * as StatusLists from "./openbadges/StatusLists.js"
import * as Outbox from "./outbox/Outbox.js"
import * as ServerSecrets from "./server-secrets/ServerSecrets.js"
import type { Stores } from "./Stores.js"
import * as Issuers from "./tenancy/Issuers.js"
import * as Organisations from "./tenancy/Organisations.js"
import * as WebhookDeliveryJob from "./webhooks/WebhookDeliveryJob.js"
import * as Webhooks from "./webhooks/Webhooks.js"

/**
 * Every service a host app calls. Edges (handlers, pages, commands) call the ones that check the actor; `Evaluation`,
 * `CriteriaRegistry` and `BadgeEvents` check none (they see every organisation) and are for the host app itself, as
 * is `ServerSecrets` (rotation and retirement of the secrets accept keys are derived under).
 */
export type Services =
  | Activities.Activities
  | ApiKeys.ApiKeys
  | Awards.Awards
  | Backfill.Backfill
  | BadgeEvents
  | BadgeKitKeys.BadgeKitKeys
  | ClaimCodes.ClaimCodes
  | CriteriaRegistry.CriteriaRegistry
  | Definitions.Definitions
  | Evaluation.Evaluation
  | Grants.Grants
  | Images.Images
  | IssuerKeys.IssuerKeys
  | Issuers.Issuers
  | Jobs.Jobs
  | Organisations.Organisations
  | Outbox.Outbox
  | Progress.Progress
  | PublicBadges.PublicBadges
  | ServerSecrets.ServerSecrets
  | StatusLists.StatusLists
  | Webhooks.Webhooks

/**
 * The engine over the stores in context, with the built-in criteria types and the plugins given.
 * Plugins' host services are provided to this layer like any other requirement, and so are the settings read when
 * it is built: `Definitions.AutoBackfill`, `JobWorker.Settings` (the background worker that runs backfills and webhook
 * deliveries; on by default), `WebhookTransport`, and the `GrantNotifier` (`GrantNotifier.layerLog` unless one is
 * given).
 */
export const make = <const Ps extends ReadonlyArray<Criteria.CriteriaType<any, any, any>>>(
  options: { readonly plugins?: Ps } = {}
): Layer.Layer<Services | IdGenerator, never, Stores | CriteriaRegistry.PluginContext<Ps>> =>
  worker.pipe(Layer.provideMerge(
    Layer.mergeAll(
      Activities.layer,
      ApiKeys.layer,
      Awards.layer,
      BadgeKitKeys.layer,
      ClaimCodes.layer,
      Definitions.layer,
      Grants.layer,
      Images.layer,
      IssuerKeys.layer,
      Issuers.layer,
      Organisations.layer,
      Progress.layer,
      StatusLists.layer,
      PublicBadges.layer,
      Webhooks.layer
    ).pipe(
      Layer.provide(AwardIssuing.layer),
      Layer.provideMerge(ServerSecrets.layer),
      Layer.provideMerge(Backfill.layer),
      Layer.provideMerge(Evaluation.layer),
      Layer.provideMerge(Layer.mergeAll(Jobs.layer, Outbox.layer)),
      Layer.provideMerge(
        Layer.mergeAll(
          CriteriaRegistry.layerWith(...(options.plugins ?? ([] as unknown as Ps))),
          BadgeEvents.layer,
          IdGenerator.layer
        )
      )
    )
  ))

/** The background worker: backfills and webhook deliveries, with the webhooks' fan-out before each claim. */
const worker = Layer.unwrapEffect(Effect.gen(function*() {
  const handlers = [yield* BackfillJob.handler, yield* WebhookDeliveryJob.handler]
  const webhooks = yield* Webhooks.Webhooks
  return JobWorker.layer(handlers, webhooks.dispatch.pipe(Effect.catchAll(() => Effect.succeed(0))))
}))

/** The engine over the stores in context, with the built-in criteria types. */
export const layer: Layer.Layer<Services | IdGenerator, never, Stores> = make()
