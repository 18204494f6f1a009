/**
 * Handlers of v1's grants group, over the grants service (which checks the caller's role and organisation).
 *
 * @since 0.1.0
 */
import { type Grant, type GrantId, Grants } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { Api } from "./Api.js"
import { respond } from "./Failures.js"
import { timestamp } from "./Json.js"

/** A grant as v1 prints it. */
const grantJson = (grant: Grant) => ({
  id: grant.id,
  badge_definition_id: grant.definitionId,
  status: grant.status,
  earned_badge_id: grant.awardId ?? null,
  updated_at: timestamp(grant.updatedAt)
})

/** The grants handlers. */
export const GrantsHttp = HttpApiBuilder.group(Api, "grants", (handlers) =>
  Effect.gen(function*() {
    const grants = yield* Grants.Grants
    return handlers.handle("revoke", ({ path }) =>
      respond()(grants.revoke(path.id as GrantId)).pipe(Effect.map(grantJson)))
  }))
