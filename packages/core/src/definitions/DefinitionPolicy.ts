/**
 * Who may read and write badge definitions: the v1 role table.
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

/** Reading one definition: the members of its organisation. */
export const read = (definition: BadgeDefinition) =>
  Effect.flatMap(
    Actor.requireRole("admin", "coordinator", "peer_mentor"),
    (actor) => Actor.checkVisible(actor, definition.organisationId, "badge definition", definition.id)
  )

/** Creating a definition: an organisation's admins. Returns the organisation it is created in. */
export const create = (asked: OrganisationId | undefined) =>
  Effect.flatMap(Actor.requireRole("admin"), (actor) => Actor.organisationFor(actor, asked))

/** Changing or deleting a definition: an admin of its organisation. */
export const write = Actor.requireRole("admin")

/** The check `write` is followed by once the definition is read: another organisation's reads as absent. */
export const writeTo = (definition: BadgeDefinition) =>
  Effect.flatMap(
    Actor.CurrentActor,
    (actor) => Actor.checkVisible(actor, definition.organisationId, "badge definition", definition.id)
  )
