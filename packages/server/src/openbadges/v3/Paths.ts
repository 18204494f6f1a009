/**
 * Where Open Badges 3.0 documents are served on this server: every id in a credential is one of these, absolute on
 * the public URL.
 *
 * @since 0.1.0
 */
export { didDocumentPath } from "./Dids.js"

/** An award's credential. */
export const credentialPath = (awardId: string): string => `/public/credentials/${encodeURIComponent(awardId)}`

/** An award's badge image with its credential baked in. */
export const credentialImagePath = (awardId: string): string => `${credentialPath(awardId)}/image`

/** An organisation's revocation status list credential `list`. */
export const statusListPath = (organisationId: string, list: number): string =>
  `/public/status-lists/${encodeURIComponent(organisationId)}/${list}`

/**
 * A definition's achievement: where Open Badges 2.0 hosts the same definition as a BadgeClass, so both versions
 * name it alike.
 */
export const achievementPath = (definitionId: string): string => `/public/badges/${encodeURIComponent(definitionId)}`
