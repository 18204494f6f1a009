/**
 * Who may report activities: the host app's internal services.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Recording activities, one or a batch. */
export const record = Actor.requireRole("system")
