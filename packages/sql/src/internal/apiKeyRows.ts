/**
 * The rows of API keys, declared once as a Schema. Only a key's hash is stored.
 */
import { ApiKey, ApiKeyId, OrganisationId, Role } from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** An API key's row. */
export const ApiKeyRow = entityRow(ApiKey, {
  id: ApiKeyId,
  name: nullable(Schema.String),
  role: Role,
  organisationId: nullableColumn("organisation_id", OrganisationId),
  subjectId: nullableColumn("subject_id", Schema.String),
  scopes: nullable(Schema.String),
  keyHash: column("key_hash", Schema.String),
  prefix: Schema.String,
  createdAt: column("created_at", Timestamp),
  revokedAt: nullableColumn("revoked_at", Timestamp)
})
