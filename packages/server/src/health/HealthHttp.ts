/**
 * The health handler: answers once the database does.
 *
 * @since 0.1.0
 */
import { BadgeStore, type OrganisationId } from "@badge-engine/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { unavailable } from "../contracts/v1/Errors.js"
import { HealthApi } from "./HealthApi.js"

/** The health handler over the store. */
export const HealthHttp = HttpApiBuilder.group(HealthApi, "health", (handlers) =>
  Effect.gen(function*() {
    const store = yield* BadgeStore
    return handlers.handle("health", () =>
      store.getOrganisation("health-check" as OrganisationId).pipe(
        Effect.as({ status: "ok" as const, database: "ok" as const }),
        Effect.mapError(() => unavailable())
      ))
  }))
