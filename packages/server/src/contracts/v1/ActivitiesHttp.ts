/**
 * Handlers of activity reports and progress.
 */
import { Activities, type OrganisationId, Progress } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { organisationFor, requireRole } from "./Access.js"
import { Api } from "./Api.js"
import { forbidden } from "./Errors.js"
import { respond } from "./Failures.js"
import { activityJson } from "./Json.js"

/** The activity report and progress handlers. */
export const ActivitiesHttp = HttpApiBuilder.group(Api, "activities", (handlers) =>
  Effect.gen(function*() {
    const activities = yield* Activities.Activities
    const progress = yield* Progress.Progress

    return handlers
      .handle("report", ({ payload }) =>
        Effect.gen(function*() {
          yield* requireRole("system")
          const result = yield* respond()(activities.record({
            organisationId: payload.organisation_id as OrganisationId,
            recipientId: payload.peer_mentor_id,
            type: payload.type,
            occurredAt: payload.occurred_at,
            ...(payload.idempotency_key !== undefined ? { idempotencyKey: payload.idempotency_key } : {}),
            ...(payload.attributes !== undefined ? { attributes: payload.attributes } : {})
          }))
          return activityJson(result.activity, result.replayed, result.awards)
        }))
      .handle("progress", ({ urlParams }) =>
        Effect.gen(function*() {
          const principal = yield* requireRole("peer_mentor", "coordinator", "admin", "system")
          if (principal.role === "peer_mentor" && principal.subjectId !== urlParams.peer_mentor_id) {
            return yield* Effect.fail(forbidden("a peer mentor sees only its own progress"))
          }
          const organisationId = yield* organisationFor(principal, urlParams.organisation_id)
          const rows = yield* respond()(progress.forRecipient(organisationId, urlParams.peer_mentor_id))
          return {
            data: rows.map(({ current, definition, earned, target }) => ({
              badge_definition_id: definition.id,
              name: definition.name,
              icon_url: definition.imageUrl ?? null,
              locked_icon_url: definition.lockedImageUrl ?? null,
              earned,
              current,
              target
            }))
          }
        }))
  }))
