/**
 * Who may read and write badge definitions: the v1 role table. Roles are checked before a definition is read, its
 * organisation after.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"
import type { BadgeDefinition } from "./BadgeDefinition.js"

/** Listing an organisation's definitions: its admins and coordinators. Returns the organisation listed. */
export const list = (asked: OrganisationId | undefined) =>
  Effect.flatMap(Actor.requireRole("admin", "coordinator"), (actor) => Actor.organisationFor(actor, asked))

/** Reading one definition: the members of its organisation, of any role. */
export const read = Actor.requireRole("admin", "coordinator", "peer_mentor")

/** Creating a definition: an organisation's admins. Returns the organisation it is created in. */
export const create = (asked: OrganisationId | undefined) =>
  Effect.flatMap(Actor.requireRole("admin"), (actor) => Actor.organisationFor(actor, asked))

/** Changing or deleting a definition: an admin of its organisation. */
export const write = Actor.requireRole("admin")

/** Once a definition is read: another organisation's reads as absent. */
export const visible = (definition: BadgeDefinition) =>
  Actor.requireVisible(definition.organisationId, "badge definition", definition.id)
