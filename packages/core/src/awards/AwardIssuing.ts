/**
 * What every way of making an award shares (by hand, by grant, by claim code): after the award's transaction
 * commits (its outbox entry written in it), the milestones it completes are made, each with its outbox entry in its
 * own transaction, and every award is published.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option } from "effect"
import * as Criteria from "../criteria/Criteria.js"
import { Evaluation } from "../criteria/Evaluation.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import type { StoreError } from "../Errors.js"
import { BadgeAwarded, BadgeEvents } from "../Events.js"
import type { OrganisationId } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { Transactions } from "../Transactions.js"
import type { Award } from "./Award.js"

/** Announcing awards once they are stored. */
export class AwardIssuing extends Context.Tag("@badge-engine/core/AwardIssuing")<AwardIssuing, {
  /** Makes the milestones (`badges_earned`) the awards complete, then publishes `BadgeAwarded` for all of them. */
  readonly announce: (awards: ReadonlyArray<Award>) => Effect.Effect<void, StoreError>
}>() {}

/** Builds the AwardIssuing service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const definitions = yield* DefinitionStore
  const tenancy = yield* TenancyStore
  const transactions = yield* Transactions
  const events = yield* BadgeEvents
  const evaluation = yield* Evaluation
  const outbox = yield* Outbox

  const milestonesFor = (organisationId: OrganisationId, recipientId: string, now: DateTime.Utc) =>
    Effect.gen(function*() {
      const organisation = yield* tenancy.getOrganisation(organisationId)
      if (Option.isNone(organisation)) return []
      const rules = yield* definitions.listWithRules(organisationId)
      return yield* transactions.run(Effect.tap(
        evaluation.awardMet({
          organisation: organisation.value,
          recipientId,
          definitions: rules,
          activityType: Criteria.BadgeEarned,
          now
        }),
        (made) => outbox.write(made.map((award) => new BadgeAwarded({ award })))
      ))
    }).pipe(
      // The award itself is made; a milestone that cannot be evaluated now is made by the next evaluation.
      Effect.catchTag("EvaluationError", (error) => Effect.as(Effect.logWarning("milestones not evaluated", error), []))
    )

  const announce = Effect.fn("AwardIssuing.announce")(function*(awards: ReadonlyArray<Award>) {
    const now = yield* DateTime.now
    const milestones: Array<Award> = []
    // Milestones count recipients the host app knows by id, as rule awards do.
    for (const award of awards) {
      if (award.recipient.kind === "id") {
        milestones.push(...(yield* milestonesFor(award.organisationId, award.recipient.value, now)))
      }
    }
    yield* events.publish([...awards, ...milestones].map((award) => new BadgeAwarded({ award })))
  })

  return AwardIssuing.of({ announce })
})

/** Announcing over the stores and evaluation in context. */
export const layer: Layer.Layer<
  AwardIssuing,
  never,
  DefinitionStore | TenancyStore | Transactions | BadgeEvents | Evaluation | Outbox
> = Layer.effect(AwardIssuing, make)
