/**
 * API key rows to API keys and back: only the hash of a key is ever stored.
 */
import { ApiKey } from "@badge-engine/core"
import type { ApiKeyId, OrganisationId, Role } from "@badge-engine/core"
import { fromTextOrNull, fromTimestamp, fromTimestampOrNull, orNull, toTimestamp, toTimestampOrNull } from "./codecs.js"
import { type Row, trusted } from "./rows.js"

export const toApiKey = (row: Row): ApiKey =>
  new ApiKey({
    id: row.id as ApiKeyId,
    name: fromTextOrNull(row.name),
    role: row.role as Role,
    organisationId: fromTextOrNull<OrganisationId>(row.organisation_id),
    subjectId: fromTextOrNull(row.subject_id),
    keyHash: row.key_hash as string,
    prefix: row.prefix as string,
    createdAt: fromTimestamp(row.created_at),
    revokedAt: fromTimestampOrNull(row.revoked_at)
  }, trusted)

export const apiKeyRow = (k: ApiKey) => ({
  id: k.id,
  name: orNull(k.name),
  role: k.role,
  organisation_id: orNull(k.organisationId),
  subject_id: orNull(k.subjectId),
  key_hash: k.keyHash,
  prefix: k.prefix,
  created_at: toTimestamp(k.createdAt),
  revoked_at: toTimestampOrNull(k.revokedAt)
})
