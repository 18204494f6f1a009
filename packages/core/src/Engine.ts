/**
 * The whole engine as one layer: give it a store (`@badge-engine/sqlite` or `@badge-engine/pg`) and go.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import * as Activities from "./activities/Activities.js"
import * as Awarding from "./awards/Awards.js"
import type { BadgeStore } from "./BadgeStore.js"
import * as Backfill from "./criteria/Backfill.js"
import type * as Criteria from "./criteria/Criteria.js"
import * as CriteriaRegistry from "./criteria/CriteriaRegistry.js"
import * as Evaluation from "./criteria/Evaluation.js"
import * as Progress from "./criteria/Progress.js"
import * as Definitions from "./definitions/Definitions.js"
import { BadgeEvents } from "./Events.js"
import { IdGenerator } from "./Ids.js"
import * as Organisations from "./tenancy/Organisations.js"

/** Every service a host app calls. */
export type Services =
  | Activities.Activities
  | Awarding.Awarding
  | Backfill.Backfill
  | BadgeEvents
  | CriteriaRegistry.CriteriaRegistry
  | Definitions.Definitions
  | Evaluation.Evaluation
  | Organisations.Organisations
  | Progress.Progress

/**
 * The engine over the `BadgeStore` in context, with the built-in criteria types and the plugins given.
 * Plugins' host services are provided to this layer like any other requirement.
 */
export const make = <const Ps extends ReadonlyArray<Criteria.CriteriaType<any, any, any>>>(
  options: { readonly plugins?: Ps } = {}
): Layer.Layer<Services | IdGenerator, never, BadgeStore | CriteriaRegistry.PluginContext<Ps>> =>
  Layer.mergeAll(Activities.layer, Awarding.layer, Definitions.layer, Organisations.layer, Progress.layer).pipe(
    Layer.provideMerge(Backfill.layer),
    Layer.provideMerge(Evaluation.layer),
    Layer.provideMerge(
      Layer.mergeAll(
        CriteriaRegistry.layerWith(...(options.plugins ?? ([] as unknown as Ps))),
        BadgeEvents.layer,
        IdGenerator.layer
      )
    )
  )

/** The engine over the `BadgeStore` in context, with the built-in criteria types. */
export const layer: Layer.Layer<Services | IdGenerator, never, BadgeStore> = make()
