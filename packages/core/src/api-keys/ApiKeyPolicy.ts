/**
 * Who may make, list and revoke API keys: operators, through a `system` actor or the host app.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Managing keys of any organisation. */
export const manage = Actor.requireRole("system")
