/**
 * Who may make and manage claim codes: internal services and the admins of the definition's organisation.
 * Redeeming needs no role: the code is the permission. The role is checked before any record is read, the
 * organisation after.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Making, changing and reading codes. */
export const manage = Actor.requireRole("system", "admin")

/** Once a record is read: another organisation's reads as absent. */
export const visible = Actor.requireVisible
