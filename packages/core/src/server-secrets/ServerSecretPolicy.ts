/**
 * Who may rotate, retire and list server secrets: the host app and internal services. Using a purpose's current
 * secret needs no role: services derive keys under it for whoever they act for.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Rotating, retiring and listing server secrets. */
export const manage = Actor.requireRole("system")
