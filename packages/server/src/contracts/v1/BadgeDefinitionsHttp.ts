/**
 * Handlers of the badge definitions contract.
 */
import { type BadgeDefinitionId, BadgeStore, Definitions } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { DateTime, Effect } from "effect"
import { canSee, hidden, organisationFor, requireRole } from "./Access.js"
import { Api } from "./Api.js"
import { respond } from "./Failures.js"
import { definitionJson, timestamp } from "./Json.js"

/** The badge definitions handlers, over the definitions service and the store. */
export const BadgeDefinitionsHttp = HttpApiBuilder.group(Api, "badgeDefinitions", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const store = yield* BadgeStore

    /** A definition the principal may see; another organisation's reads as absent. */
    const visible = (id: string) =>
      Effect.gen(function*() {
        const principal = yield* requireRole("admin", "coordinator", "peer_mentor")
        const view = yield* respond()(definitions.get(id as BadgeDefinitionId))
        if (!canSee(principal, view.definition.organisationId)) {
          return yield* Effect.fail(hidden("badge definition", id))
        }
        return view
      })

    return handlers
      .handle("list", ({ urlParams }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("admin", "coordinator")
          const organisationId = yield* organisationFor(principal, urlParams.organisation_id)
          const page = { page: urlParams.page ?? 1, limit: urlParams.limit ?? 20 }
          // The listing prints no earned_count: read the page from the store, without counting awards.
          const found = yield* respond()(store.listDefinitions({
            organisationId,
            category: urlParams.category,
            active: urlParams.is_active === undefined ? undefined : urlParams.is_active === "true"
          }, page))
          return {
            data: found.items.map((definition) => definitionJson(definition)),
            pagination: { page: found.page, limit: found.limit, total: found.total }
          }
        }))
      .handle(
        "get",
        ({ path }) => Effect.map(visible(path.id), (view) => definitionJson(view.definition, view.earnedCount))
      )
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("admin")
          const organisationId = yield* organisationFor(principal, payload.organisation_id)
          const view = yield* respond()(definitions.create({
            organisationId,
            name: payload.name,
            ...(payload.description !== undefined ? { description: payload.description } : {}),
            ...(payload.icon_url !== undefined ? { imageUrl: payload.icon_url } : {}),
            ...(payload.locked_icon_url !== undefined ? { lockedImageUrl: payload.locked_icon_url } : {}),
            ...(payload.criteria != null ? { rule: payload.criteria } : {}),
            ...(payload.category != null ? { category: payload.category } : {}),
            ...(payload.is_active !== undefined ? { active: payload.is_active } : {})
          }))
          return definitionJson(view.definition, view.earnedCount)
        }))
      .handle("update", ({ path, payload }) =>
        Effect.gen(function*() {
          yield* requireRole("admin")
          yield* visible(path.id)
          const view = yield* respond()(definitions.update(path.id as BadgeDefinitionId, {
            ...(payload.name !== undefined ? { name: payload.name } : {}),
            ...(payload.description !== undefined ? { description: payload.description } : {}),
            ...(payload.icon_url !== undefined ? { imageUrl: payload.icon_url } : {}),
            ...(payload.locked_icon_url !== undefined ? { lockedImageUrl: payload.locked_icon_url } : {}),
            ...(payload.criteria !== undefined ? { rule: payload.criteria } : {}),
            ...(payload.category !== undefined ? { category: payload.category } : {}),
            ...(payload.is_active !== undefined ? { active: payload.is_active } : {})
          }))
          return definitionJson(view.definition, view.earnedCount)
        }))
      .handle("delete", ({ path }) =>
        Effect.gen(function*() {
          yield* requireRole("admin")
          yield* visible(path.id)
          const deleted = yield* respond()(definitions.remove(path.id as BadgeDefinitionId))
          return {
            id: deleted.id,
            deleted: true as const,
            deleted_at: timestamp(deleted.deletedAt ?? (yield* DateTime.now))
          }
        }))
  }))
