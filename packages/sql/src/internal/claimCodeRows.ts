/**
 * Claim code rows to claim codes and back.
 */
import { ClaimCode } from "@badge-engine/core"
import type { BadgeDefinitionId, ClaimCodeId, OrganisationId } from "@badge-engine/core"
import {
  fromFlag,
  fromInt,
  fromIntOrNull,
  fromTextOrNull,
  fromTimestamp,
  fromTimestampOrNull,
  orNull,
  toFlag,
  toTimestamp,
  toTimestampOrNull
} from "./codecs.js"
import { type Row, trusted } from "./rows.js"

export const toClaimCode = (row: Row): ClaimCode =>
  new ClaimCode({
    id: row.id as ClaimCodeId,
    organisationId: row.organisation_id as OrganisationId,
    definitionId: row.definition_id as BadgeDefinitionId,
    codeHash: row.code_hash as string,
    label: fromTextOrNull(row.label),
    limit: fromIntOrNull(row.use_limit),
    uses: fromInt(row.uses),
    expiresAt: fromTimestampOrNull(row.expires_at),
    enabled: fromFlag(row.enabled),
    archivedAt: fromTimestampOrNull(row.archived_at),
    createdAt: fromTimestamp(row.created_at)
  }, trusted)

export const claimCodeRow = (c: ClaimCode) => ({
  id: c.id,
  organisation_id: c.organisationId,
  definition_id: c.definitionId,
  code_hash: c.codeHash,
  label: orNull(c.label),
  use_limit: orNull(c.limit),
  uses: c.uses,
  expires_at: toTimestampOrNull(c.expiresAt),
  enabled: toFlag(c.enabled),
  archived_at: toTimestampOrNull(c.archivedAt),
  created_at: toTimestamp(c.createdAt)
})
