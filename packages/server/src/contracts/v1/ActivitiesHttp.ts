/**
 * Handlers of activity reports and progress, over the activities and progress services (which check the caller's
 * role and organisation).
 *
 * @since 0.1.0
 */
import { Activities, type OrganisationId, Progress } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { Api } from "./Api.js"
import { respond } from "./Failures.js"
import { activityJson } from "./Json.js"

/** The activities and progress handlers. */
export const ActivitiesHttp = HttpApiBuilder.group(Api, "activities", (handlers) =>
  Effect.gen(function*() {
    const activities = yield* Activities.Activities
    const progress = yield* Progress.Progress

    return handlers
      .handle("report", ({ payload }) =>
        Effect.gen(function*() {
          const result = yield* respond()(activities.record({
            organisationId: payload.organisation_id,
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
          const rows = yield* respond()(
            progress.forRecipient(urlParams.organisation_id as OrganisationId | undefined, urlParams.peer_mentor_id)
          )
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
