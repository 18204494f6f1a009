/**
 * The health handler: answers once the database does.
 */
import { BadgeStore, type OrganisationId } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { Api } from "../contracts/v1/Api.js"
import { unavailable } from "../contracts/v1/Errors.js"

export const HealthHttp = HttpApiBuilder.group(Api, "health", (handlers) =>
  Effect.gen(function*() {
    const store = yield* BadgeStore
    return handlers.handle("health", () =>
      store.getOrganisation("health-check" as OrganisationId).pipe(
        Effect.as({ status: "ok" as const, database: "ok" as const }),
        Effect.mapError(() => unavailable())
      ))
  }))
