/**
 * Claim codes: a code that people redeem for a badge, a limited number of times (Badgr).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Count, PositiveCount, Text } from "../Fields.js"
import { BadgeDefinitionId, ClaimCodeId, OrganisationId } from "../Ids.js"

/**
 * A claim code. The code itself is shown once when it is made; only its hash is stored,
 * so a leaked database does not leak redeemable codes.
 */
export class ClaimCode extends Schema.Class<ClaimCode>("ClaimCode")({
  id: ClaimCodeId,
  organisationId: OrganisationId,
  definitionId: BadgeDefinitionId,
  codeHash: Schema.String,
  label: Schema.optional(Text.pipe(Schema.maxLength(255))),
  limit: Schema.optional(PositiveCount),
  uses: Count,
  expiresAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  enabled: Schema.Boolean,
  archivedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  createdAt: Schema.DateTimeUtcFromSelf
}) {}

/** A partial update of a claim code. */
export const ClaimCodePatch = Schema.Struct({
  label: Schema.optional(Schema.NullOr(Text.pipe(Schema.maxLength(255)))),
  limit: Schema.optional(Schema.NullOr(PositiveCount)),
  expiresAt: Schema.optional(Schema.NullOr(Schema.DateTimeUtcFromSelf)),
  enabled: Schema.optional(Schema.Boolean)
})
/** @since 0.1.0 */
export type ClaimCodePatch = typeof ClaimCodePatch.Type
