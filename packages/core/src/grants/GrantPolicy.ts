/**
 * Who may offer, read and revoke grants: internal services and the admins of the definition's organisation offer and
 * read (reading is managing, since a grant names a person); only admins revoke, as only admins revoke awards.
 * Accepting needs no role: the accept key is the permission.
 * The role is checked before any record is read, the organisation after.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Offering and reading grants. */
export const manage = Actor.requireRole("system", "admin")

/** Revoking a grant, whatever its status: admins only (and the host). */
export const revoke = Actor.requireRole("admin")

/** Once a record is read: another organisation's reads as absent. */
export const visible = Actor.requireVisible
