/**
 * Who may rotate an organisation's issuer key: internal services and the organisation's admins. Signing needs no
 * role: credentials are public, and the server signs them for whoever asks.
 *
 * @since 0.1.0
 */
import * as Actor from "../Actor.js"

/** Rotating an organisation's key, before the organisation is checked. */
export const rotate = Actor.requireRole("system", "admin")

/** The check `rotate` is followed by: another organisation reads as absent. */
export const rotateOf = (organisationId: Parameters<typeof Actor.requireVisible>[0]) =>
  Actor.requireVisible(organisationId, "organisation", organisationId)
