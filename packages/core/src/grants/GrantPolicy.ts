/**
 * Who may offer, read and revoke grants. Accepting needs no role: the accept key is the permission.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"

/** Offering and revoking a grant of a definition: internal services and the admins of its organisation. */
export const write = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(Actor.requireRole("system", "admin"), (actor) => Actor.checkVisible(actor, organisationId, entity, id))

/** Reading grants: internal services, and the admins and coordinators of the organisation. */
export const read = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(
    Actor.requireRole("system", "admin", "coordinator"),
    (actor) => Actor.checkVisible(actor, organisationId, entity, id)
  )
