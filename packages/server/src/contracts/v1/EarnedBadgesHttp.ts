/**
 * Handlers of the earned badges contract.
 */
import { type AwardId, Awarding, type BadgeDefinitionId, BadgeStore, Recipient } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { DateTime, Effect, Option } from "effect"
import { canSee, hidden, organisationFor, requireRole } from "./Access.js"
import { Api } from "./Api.js"
import { respond } from "./Failures.js"
import { earnedBadgeJson, organisationEarnedBadgeJson } from "./Json.js"

/** The earned badges handlers, over awarding and the store. */
export const EarnedBadgesHttp = HttpApiBuilder.group(Api, "earnedBadges", (handlers) =>
  Effect.gen(function*() {
    const store = yield* BadgeStore
    const awarding = yield* Awarding.Awarding

    const pagination = (found: { page: number; limit: number; total: number }) => ({
      page: found.page,
      limit: found.limit,
      total: found.total
    })

    return handlers
      .handle("list", ({ urlParams }) =>
        Effect.gen(function*() {
          yield* requireRole("system")
          const found = yield* respond()(store.listAwards(
            {
              recipient: Recipient.byId(urlParams.peer_mentor_id),
              organisationId: urlParams.organisation_id as never,
              includeInactive: true
            },
            { page: urlParams.page ?? 1, limit: urlParams.limit ?? 20 },
            yield* DateTime.now
          ))
          return { data: found.items.map(earnedBadgeJson), pagination: pagination(found) }
        }))
      .handle("byOrganisation", ({ urlParams }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("system", "admin")
          const organisationId = yield* organisationFor(principal, urlParams.organisation_id)
          const found = yield* respond()(store.listAwards(
            { organisationId, includeInactive: true },
            { page: urlParams.page ?? 1, limit: urlParams.limit ?? 50 },
            yield* DateTime.now
          ))
          return { data: found.items.map(organisationEarnedBadgeJson), pagination: pagination(found) }
        }))
      .handle("exists", ({ urlParams }) =>
        Effect.gen(function*() {
          yield* requireRole("system")
          const award = yield* respond()(store.findLiveAward(
            urlParams.badge_definition_id as BadgeDefinitionId,
            Recipient.byId(urlParams.peer_mentor_id),
            yield* DateTime.now
          ))
          return Option.match(award, {
            onNone: () => ({ exists: false, earned_badge_id: null }),
            onSome: (found) => ({ exists: true, earned_badge_id: found.id })
          })
        }))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("system")
          const award = yield* respond()(awarding.award({
            definitionId: payload.badge_definition_id as BadgeDefinitionId,
            recipient: Recipient.byId(payload.peer_mentor_id),
            awardedBy: payload.awarded_by ?? principal.role,
            ...(payload.awarded_at !== undefined ? { awardedAt: payload.awarded_at } : {})
          }))
          return earnedBadgeJson(award)
        }))
      .handle("revoke", ({ path, payload }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("admin")
          const award = yield* respond()(store.getAward(path.id as AwardId))
          if (Option.isNone(award) || !canSee(principal, award.value.organisationId)) {
            return yield* Effect.fail(hidden("earned badge", path.id))
          }
          return earnedBadgeJson(yield* respond()(awarding.revoke(award.value.id, payload.reason)))
        }))
  }))
