/**
 * Handlers of the earned badges contract, over the awards service (which checks the caller's role and
 * organisation).
 *
 * @since 0.1.0
 */
import { Actor, type AwardId, Awards, type BadgeDefinitionId, type OrganisationId, Recipient } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect, Option } from "effect"
import { Api } from "./Api.js"
import { respond } from "./Failures.js"
import { earnedBadgeJson, organisationEarnedBadgeJson } from "./Json.js"

/** A page's position as v1 prints it. */
const pagination = (found: { page: number; limit: number; total: number }) => ({
  page: found.page,
  limit: found.limit,
  total: found.total
})

/** The earned badges handlers. */
export const EarnedBadgesHttp = HttpApiBuilder.group(Api, "earnedBadges", (handlers) =>
  Effect.gen(function*() {
    const awards = yield* Awards.Awards

    return handlers
      .handle("list", ({ urlParams }) =>
        Effect.gen(function*() {
          const found = yield* respond()(awards.forRecipient(
            Recipient.byId(urlParams.peer_mentor_id),
            { organisationId: urlParams.organisation_id as OrganisationId | undefined, includeInactive: true },
            { page: urlParams.page ?? 1, limit: urlParams.limit ?? 20 }
          ))
          return { data: found.items.map(earnedBadgeJson), pagination: pagination(found) }
        }))
      .handle("byOrganisation", ({ urlParams }) =>
        Effect.gen(function*() {
          const found = yield* respond()(awards.forOrganisation(
            { organisationId: urlParams.organisation_id as OrganisationId | undefined, includeInactive: true },
            { page: urlParams.page ?? 1, limit: urlParams.limit ?? 50 }
          ))
          return { data: found.items.map(organisationEarnedBadgeJson), pagination: pagination(found) }
        }))
      .handle("exists", ({ urlParams }) =>
        respond()(awards.findLive(
          urlParams.badge_definition_id as BadgeDefinitionId,
          Recipient.byId(urlParams.peer_mentor_id)
        )).pipe(Effect.map(Option.match({
          onNone: () => ({ exists: false, earned_badge_id: null }),
          onSome: (found) => ({ exists: true, earned_badge_id: found.id })
        }))))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const actor = yield* Actor.CurrentActor
          const award = yield* respond()(awards.award({
            definitionId: payload.badge_definition_id as BadgeDefinitionId,
            recipient: Recipient.byId(payload.peer_mentor_id),
            // v1 records the caller's role when the body names no one.
            awardedBy: payload.awarded_by ?? (actor._tag === "Principal" ? actor.role : "system"),
            ...(payload.awarded_at !== undefined ? { awardedAt: payload.awarded_at } : {})
          }))
          return earnedBadgeJson(award)
        }))
      .handle("revoke", ({ path, payload }) =>
        respond()(awards.revoke(path.id as AwardId, payload.reason)).pipe(Effect.map(earnedBadgeJson)))
  }))
