/**
 * Who may offer, read and revoke grants: internal services and the admins of the definition's organisation. Reading
 * is managing, since a grant names a person. Accepting needs no role: the accept key is the permission.
 * The role is checked before any record is read, the organisation after.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Offering, reading and revoking grants. */
export const manage = Actor.requireRole("system", "admin")

/** Once a record is read: another organisation's reads as absent. */
export const visible = Actor.requireVisible
