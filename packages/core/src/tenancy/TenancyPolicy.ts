/**
 * Who may read and write organisations, issuers and programs.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"

/** Creating an organisation, and listing them all: only an actor that crosses organisations. */
export const manageAll = Actor.requireRole("system")

/** Reading an organisation's profile, issuers and programs: its members of any role. */
export const read = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(Actor.CurrentActor, (actor) => Actor.checkVisible(actor, organisationId, entity, id))

/** Changing an organisation's profile, issuers and programs: its admins. */
export const write = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(Actor.requireRole("admin", "system"), (actor) => Actor.checkVisible(actor, organisationId, entity, id))
