/**
 * The rows of grants, declared once as a Schema.
 */
import {
  AwardId,
  BadgeDefinitionId,
  Grant,
  GrantId,
  GrantStatus,
  type NewGrant,
  OrganisationId,
  recipientKeyOf
} from "@badge-engine/core"
import { Schema, Struct } from "effect"
import { column, entityRow, Integer, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** A grant's row. */
export const GrantRow = entityRow(Grant, {
  id: GrantId,
  serial: Integer,
  organisationId: column("organisation_id", OrganisationId),
  definitionId: column("definition_id", BadgeDefinitionId),
  profileUri: nullableColumn("profile_uri", Schema.String),
  email: nullable(Schema.String),
  name: nullable(Schema.String),
  evidence: nullable(Schema.String),
  status: GrantStatus,
  awardId: nullableColumn("award_id", AwardId),
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
})

/**
 * The columns of a new grant (the database assigns the serial), with the person's key that keeps one grant open per
 * person, and `accept_key`, which holds no key: accept keys are derived, never stored; the column keeps the grant's
 * id (see migration 0006).
 */
export const GrantInsert = Schema.Struct({
  ...Struct.omit(GrantRow.from.fields, "serial"),
  recipientKey: column("recipient_key", Schema.String),
  noAcceptKey: column("accept_key", Schema.String)
})

const encodeInsert = Schema.encodeSync(GrantInsert)

/** The row of a new grant. */
export const grantInsertRow = (grant: NewGrant) =>
  encodeInsert({ ...grant, recipientKey: recipientKeyOf(grant), noAcceptKey: grant.id })
