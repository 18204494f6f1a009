/**
 * Handlers of the badge definitions contract, over the definitions service (which checks the caller's role and
 * organisation).
 *
 * @since 0.1.0
 */
import { type BadgeDefinitionId, Definitions, type OrganisationId } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { DateTime, Effect } from "effect"
import { Api } from "./Api.js"
import type { UpdateBadgeDefinition } from "./BadgeDefinitionsApi.js"
import { respond } from "./Failures.js"
import { definitionJson, timestamp } from "./Json.js"

/** The fields of an update that are present, in the engine's names; `null` clears. */
const patchOf = (payload: typeof UpdateBadgeDefinition.Type) => ({
  ...(payload.name !== undefined ? { name: payload.name } : {}),
  ...(payload.description !== undefined ? { description: payload.description } : {}),
  ...(payload.icon_url !== undefined ? { imageUrl: payload.icon_url } : {}),
  ...(payload.locked_icon_url !== undefined ? { lockedImageUrl: payload.locked_icon_url } : {}),
  ...(payload.criteria !== undefined ? { rule: payload.criteria } : {}),
  ...(payload.category !== undefined ? { category: payload.category } : {}),
  ...(payload.is_active !== undefined ? { active: payload.is_active } : {})
})

/** The badge definitions handlers. */
export const BadgeDefinitionsHttp = HttpApiBuilder.group(Api, "badgeDefinitions", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions

    return handlers
      .handle("list", ({ urlParams }) =>
        Effect.gen(function*() {
          // The listing prints no earned_count: read the page without counting awards.
          const found = yield* respond()(definitions.listPlain({
            organisationId: urlParams.organisation_id as OrganisationId | undefined,
            category: urlParams.category,
            active: urlParams.is_active === undefined ? undefined : urlParams.is_active === "true"
          }, { page: urlParams.page ?? 1, limit: urlParams.limit ?? 20 }))
          return {
            data: found.items.map((definition) => definitionJson(definition)),
            pagination: { page: found.page, limit: found.limit, total: found.total }
          }
        }))
      .handle("get", ({ path }) =>
        respond()(definitions.get(path.id as BadgeDefinitionId)).pipe(
          Effect.map((view) => definitionJson(view.definition, view.earnedCount))
        ))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const view = yield* respond()(definitions.create({
            ...(payload.organisation_id !== undefined ? { organisationId: payload.organisation_id } : {}),
            name: payload.name,
            ...(payload.description !== undefined ? { description: payload.description } : {}),
            ...(payload.icon_url !== undefined ? { imageUrl: payload.icon_url } : {}),
            ...(payload.locked_icon_url !== undefined ? { lockedImageUrl: payload.locked_icon_url } : {}),
            // On create, a null criteria or category means none.
            ...(payload.criteria != null ? { rule: payload.criteria } : {}),
            ...(payload.category != null ? { category: payload.category } : {}),
            ...(payload.is_active !== undefined ? { active: payload.is_active } : {})
          }))
          return definitionJson(view.definition, view.earnedCount)
        }))
      .handle("update", ({ path, payload }) =>
        respond()(definitions.update(path.id as BadgeDefinitionId, patchOf(payload))).pipe(
          Effect.map((view) =>
            definitionJson(view.definition, view.earnedCount)
          )
        ))
      .handle("delete", ({ path }) =>
        Effect.gen(function*() {
          const deleted = yield* respond()(definitions.remove(path.id as BadgeDefinitionId))
          return {
            id: deleted.id,
            deleted: true as const,
            deleted_at: timestamp(deleted.deletedAt ?? (yield* DateTime.now))
          }
        }))
  }))
