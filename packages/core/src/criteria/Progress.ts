/**
 * Progress: for a recipient, every active definition with whether it is earned and how far along it is —
 * what a "locked badge" screen shows.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import { type Forbidden, type InvalidInput, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import type { EvaluationError } from "./Criteria.js"
import * as CriteriaPolicy from "./CriteriaPolicy.js"
import { Evaluation, skippingBroken } from "./Evaluation.js"

/** One definition's state for a recipient. */
export interface DefinitionProgress {
  readonly definition: BadgeDefinition
  readonly earned: boolean
  readonly current: number
  readonly target: number
}

/** The progress service. */
export class Progress extends Context.Tag("@badge-engine/core/Progress")<Progress, {
  /**
   * Every active definition of the organisation, in order, with the recipient's progress on it. Without an
   * organisation, the actor's own.
   */
  readonly forRecipient: (
    organisationId: OrganisationId | undefined,
    recipientId: string
  ) => Effect.Effect<
    ReadonlyArray<DefinitionProgress>,
    InvalidInput | NotFound | Forbidden | StoreError | EvaluationError
  >
}>() {}

/** How many definitions one progress read considers: organisations keep far fewer active badges. */
const maxDefinitions = 1000

/** Builds the Progress service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const definitionStore = yield* DefinitionStore
  const tenancy = yield* TenancyStore
  const evaluation = yield* Evaluation

  const forRecipient = Effect.fn("Progress.forRecipient")(
    function*(asked: OrganisationId | undefined, recipientId: string) {
      const organisationId = yield* CriteriaPolicy.progress(asked, recipientId)
      const organisation = yield* tenancy.getOrganisation(organisationId).pipe(
        orNotFound("organisation", organisationId)
      )
      const now = yield* DateTime.now
      const context = yield* evaluation.context(organisation, recipientId, now)
      const held = yield* context.held
      const definitions: Array<BadgeDefinition> = []
      for (let page = 1;; page++) {
        const batch = yield* definitionStore.list({ organisationId, active: true }, { page, limit: 100 })
        definitions.push(...batch.items)
        if (batch.items.length < 100 || definitions.length >= maxDefinitions) break
      }
      return yield* Effect.forEach(definitions, (definition) =>
        Effect.gen(function*() {
          const earned = held.has(definition.id)
          if (definition.rule === undefined) {
            return { definition, earned, current: earned ? 1 : 0, target: 1 }
          }
          const result = yield* evaluation.outcome(definition.rule, context).pipe(
            skippingBroken(definition, definitionStore)
          )
          return result === undefined
            ? undefined
            : { definition, earned, current: result.current, target: result.target }
        })).pipe(Effect.map((all) => all.filter((progress) => progress !== undefined)))
    }
  )

  return Progress.of({ forRecipient })
})

/** The progress service over the store and evaluation in context. */
export const layer: Layer.Layer<Progress, never, DefinitionStore | TenancyStore | Evaluation> = Layer.effect(
  Progress,
  make
)
