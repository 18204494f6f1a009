/**
 * The health handler: answers once the database does.
 */
import { BadgeStore, type OrganisationId } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { Api } from "../Api.js"
import { unavailable } from "../api/ApiErrors.js"

export const HealthHttp = HttpApiBuilder.group(Api, "health", (handlers) =>
  Effect.gen(function*() {
    const store = yield* BadgeStore
    return handlers.handle("health", () =>
      store.getOrganisation("health-check" as OrganisationId).pipe(
        Effect.as({ status: "ok" as const, database: "ok" as const }),
        Effect.mapError(() => unavailable())
      ))
  }))
