/**
 * Grants: an offer of a badge to a person, who accepts it through an unguessable link (BadgeFed).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Email, EvidenceText, ProfileUri } from "../Fields.js"
import { AwardId, BadgeDefinitionId, GrantId, OrganisationId } from "../Ids.js"

/** A grant's life: `pending → accepted → processed`, or `external` / `revoked`. */
export const GrantStatus = Schema.Literal("pending", "accepted", "processed", "external", "revoked")
/** @since 0.1.0 */
export type GrantStatus = typeof GrantStatus.Type

/**
 * A grant. It carries no accept key: the key is derived from the grant's id under a server secret (see
 * `Grants.offer`), so nothing that reads grants can leak it.
 */
export class Grant extends Schema.Class<Grant>("Grant")({
  id: GrantId,
  organisationId: OrganisationId,
  definitionId: BadgeDefinitionId,
  profileUri: Schema.optional(ProfileUri),
  email: Schema.optional(Email),
  name: Schema.optional(Schema.String.pipe(Schema.maxLength(255))),
  evidence: Schema.optional(EvidenceText),
  status: GrantStatus,
  awardId: Schema.optional(AwardId),
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {
  /** The identity two grants share when they are for the same person. */
  get recipientKey(): string {
    return this.profileUri !== undefined ? `profile:${this.profileUri}` : `email:${this.email?.toLowerCase()}`
  }
}
