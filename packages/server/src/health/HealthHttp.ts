/**
 * The health handler: answers once the database does.
 *
 * @since 0.1.0
 */
import { Actor, type OrganisationId, Organisations } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { unavailable } from "../contracts/v1/Errors.js"
import { HealthApi } from "./HealthApi.js"

/** An organisation id no one has: reading it is a round trip to the database that finds nothing. */
const probe = "health-check" as OrganisationId

/** The health handler over the organisations service. */
export const HealthHttp = HttpApiBuilder.group(HealthApi, "health", (handlers) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    return handlers.handle("health", () =>
      organisations.get(probe).pipe(
        // The server asks its own database, whoever calls: as the host, which every policy lets through to it.
        Actor.actingAs(new Actor.Host()),
        Effect.catchTag("NotFound", () => Effect.void),
        Effect.as({ status: "ok" as const, database: "ok" as const }),
        Effect.mapError(() => unavailable())
      ))
  }))
