/**
 * Who may read and write organisations, issuers and programs. Roles are checked before a record is read, its
 * organisation after.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Creating an organisation, and listing them all: only an actor that crosses organisations. */
export const manageAll = Actor.requireRole("system")

/** Changing an organisation's profile, issuers and programs: its admins. */
export const write = Actor.requireRole("admin", "system")

/** Reading an organisation's profile, issuers and programs: its members, of any role. */
export const visible = Actor.requireVisible
