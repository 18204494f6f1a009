/**
 * The rows of claim codes, declared once as a Schema.
 */
import { BadgeDefinitionId, ClaimCode, ClaimCodeId, OrganisationId } from "@badge-engine/core"
import { Schema, Struct } from "effect"
import { column, entityRow, Flag, Integer, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** A claim code's row. */
export const ClaimCodeRow = entityRow(ClaimCode, {
  id: ClaimCodeId,
  organisationId: column("organisation_id", OrganisationId),
  definitionId: column("definition_id", BadgeDefinitionId),
  codeHash: column("code_hash", Schema.String),
  label: nullable(Schema.String),
  limit: nullableColumn("use_limit", Integer),
  uses: Integer,
  expiresAt: nullableColumn("expires_at", Timestamp),
  enabled: Flag,
  archivedAt: nullableColumn("archived_at", Timestamp),
  createdAt: column("created_at", Timestamp)
})

/** The settings a save writes; never the uses, which only `takeUse` changes. */
export const ClaimCodeUpdate = Schema.Struct(
  Struct.pick(ClaimCodeRow.from.fields, "label", "limit", "expiresAt", "enabled", "archivedAt")
)
