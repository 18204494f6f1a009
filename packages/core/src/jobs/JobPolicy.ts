/**
 * Who may read jobs: internal services, and the admins of the job's organisation.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { Forbidden, InvalidInput } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"

/** Reading jobs: internal services and admins. */
export const read = Actor.requireRole("system", "admin")

/** The check `read` is followed by once the job is read: a job of no organisation is the system's. */
export const visible = (organisationId: OrganisationId | undefined, id: string) =>
  organisationId === undefined
    ? Effect.asVoid(Actor.requireRole("system"))
    : Actor.requireVisible(organisationId, "job", id)

/**
 * Listing jobs: internal services see every organisation's (all of them unless one is asked), an admin its own.
 * Returns the organisation listed, if one.
 */
export const list = (asked: OrganisationId | undefined) =>
  Effect.flatMap(
    Actor.requireRole("system", "admin"),
    (actor): Effect.Effect<OrganisationId | undefined, InvalidInput | Forbidden> =>
      Actor.crossesOrganisations(actor) ? Effect.succeed(asked) : Actor.organisationFor(actor, asked)
  )
