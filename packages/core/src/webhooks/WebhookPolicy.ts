/**
 * Who may manage webhook endpoints: internal services, and the admins of the endpoint's organisation.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"

/** Managing endpoints and reading their delivery log: internal services and admins. */
export const manage = Actor.requireRole("system", "admin")

/** The check `manage` is followed by once the endpoint is read. */
export const visible = Actor.requireVisible

/** The organisation an endpoint is registered or listed for: the admin's own, or the one a system actor names. */
export const organisationFor = (asked: OrganisationId | undefined) =>
  Effect.flatMap(manage, (actor) => Actor.organisationFor(actor, asked))
