/**
 * Who may award, revoke and read awards: the v1 role table.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import type { OrganisationId } from "../Ids.js"
import type { Award } from "./Award.js"

/** Awarding by hand, and asking whether a recipient holds a badge: internal services. */
export const award = Actor.requireRole("system")

/**
 * Issuing by hand through a contract whose tokens are admin keys (Badgr): internal services and the admins of the
 * definition's organisation. v1's `award` stays `system` only.
 */
export const issue = Actor.requireRole("system", "admin")

/** Reading one award of an organisation: internal services and its admins. */
export const read = Actor.requireRole("system", "admin")

/** The check `issue` and `read` are followed by once the record is read. */
export const visible = Actor.requireVisible

/** Reading a recipient's awards across organisations: internal services. */
export const readRecipient = Actor.requireRole("system")

/** Listing an organisation's awards: internal services and its admins. Returns the organisation listed. */
export const listOrganisation = (asked: OrganisationId | undefined) =>
  Effect.flatMap(Actor.requireRole("system", "admin"), (actor) => Actor.organisationFor(actor, asked))

/** Revoking: an admin of the award's organisation (another organisation's award reads as absent). */
export const revoke = Actor.requireRole("admin")

/** The check `revoke` is followed by once the award is read. */
export const revokeOf = (award: Award) => Actor.requireVisible(award.organisationId, "award", award.id)
