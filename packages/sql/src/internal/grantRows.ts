/**
 * The rows of grants, declared once as a Schema.
 */
import { AwardId, BadgeDefinitionId, Grant, GrantId, GrantStatus, OrganisationId } from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** A grant's row. */
export const GrantRow = entityRow(Grant, {
  id: GrantId,
  organisationId: column("organisation_id", OrganisationId),
  definitionId: column("definition_id", BadgeDefinitionId),
  profileUri: nullableColumn("profile_uri", Schema.String),
  email: nullable(Schema.String),
  name: nullable(Schema.String),
  evidence: nullable(Schema.String),
  status: GrantStatus,
  acceptKey: column("accept_key", Schema.Redacted(Schema.String)),
  awardId: nullableColumn("award_id", AwardId),
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
})

/** The columns of a new grant, with the person's key that keeps one grant pending per person. */
export const GrantInsert = Schema.Struct({
  ...GrantRow.from.fields,
  recipientKey: column("recipient_key", Schema.String)
})

const encodeInsert = Schema.encodeSync(GrantInsert)

/** The row of a new grant. */
export const grantInsertRow = (grant: Grant) => encodeInsert({ ...grant, recipientKey: grant.recipientKey })
