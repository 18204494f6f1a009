/**
 * Who may, in v1's terms: role checks and the organisation a bound principal is confined to, failing with v1's
 * errors.
 *
 * @since 0.1.0
 */
import type { OrganisationId, Role } from "@badge-engine/core"
import { Effect } from "effect"
import { CurrentPrincipal, type Principal } from "../../auth/Principal.js"
import { badRequest, forbidden, notFound } from "./Errors.js"

/** Fails unless the principal has one of the roles. */
export const requireRole = (...roles: ReadonlyArray<Role>) =>
  Effect.flatMap(CurrentPrincipal, (principal) =>
    roles.includes(principal.role)
      ? Effect.succeed(principal)
      : Effect.fail(forbidden(`this requires the role ${roles.join(" or ")}; the API key is ${principal.role}`)))

/** Whether the principal may see records of an organisation. */
export const canSee = (principal: Principal, organisationId: string): boolean =>
  principal.role === "system" || principal.organisationId === organisationId

/** The organisation a listing is for: the one asked, which a bound principal may only ask for its own. */
export const organisationFor = (principal: Principal, asked: string | undefined) =>
  Effect.gen(function*() {
    if (principal.role === "system") {
      if (asked === undefined) return yield* Effect.fail(badRequest("organisation_id is required", "organisation_id"))
      return asked as OrganisationId
    }
    if (asked !== undefined && asked !== principal.organisationId) {
      return yield* Effect.fail(forbidden("the API key is bound to another organisation"))
    }
    return principal.organisationId!
  })

/** A record of another organisation reads as absent: a bound principal learns nothing of it. */
export const hidden = (entity: string, id: string) => notFound(`${entity} ${id} was not found`)
