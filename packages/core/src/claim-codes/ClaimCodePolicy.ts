/**
 * Who may make and manage claim codes. Redeeming needs no role: the code is the permission.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"

/** Making, changing and reading the codes of a definition: internal services and its organisation's admins. */
export const manage = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(Actor.requireRole("system", "admin"), (actor) => Actor.checkVisible(actor, organisationId, entity, id))
