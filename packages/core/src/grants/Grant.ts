/**
 * Grants: an offer of a badge to a person, who accepts it through an unguessable link (BadgeFed).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Email, EvidenceText, ProfileUri, Text } from "../Fields.js"
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
  /** The integer the database assigned when the grant was stored (BadgeFed's badge record id): distinct, rising. */
  serial: Schema.Int,
  organisationId: OrganisationId,
  definitionId: BadgeDefinitionId,
  profileUri: Schema.optional(ProfileUri),
  email: Schema.optional(Email),
  name: Schema.optional(Text.pipe(Schema.maxLength(255))),
  evidence: Schema.optional(EvidenceText),
  status: GrantStatus,
  awardId: Schema.optional(AwardId),
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {
  /** The identity two grants share when they are for the same person. */
  get recipientKey(): string {
    return recipientKeyOf(this)
  }
}

/** A grant about to be stored: everything but the serial, which the database assigns. */
export type NewGrant = Omit<Grant, "serial" | "recipientKey">

/** The identity two grants share when they are for the same person: the profile URI, else the email in lower case. */
export const recipientKeyOf = (person: Pick<Grant, "profileUri" | "email">): string =>
  person.profileUri !== undefined ? `profile:${person.profileUri}` : `email:${person.email?.toLowerCase()}`
