/**
 * The rows of organisations, issuers and programs, declared once as Schemas.
 */
import { Issuer, IssuerId, Organisation, OrganisationId, Program, ProgramId } from "@badge-engine/core"
import { Schema, Struct } from "effect"
import { column, entityRow, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** An organisation's row. */
export const OrganisationRow = entityRow(Organisation, {
  id: OrganisationId,
  slug: Schema.String,
  name: Schema.String,
  url: nullable(Schema.String),
  email: nullable(Schema.String),
  imageUrl: nullableColumn("image_url", Schema.String),
  timezone: Schema.String,
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
})

const profileColumns = {
  organisationId: column("organisation_id", OrganisationId),
  slug: Schema.String,
  name: Schema.String,
  url: nullable(Schema.String),
  email: nullable(Schema.String),
  description: nullable(Schema.String),
  imageUrl: nullableColumn("image_url", Schema.String),
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
}

/** An issuer's row. */
export const IssuerRow = entityRow(Issuer, { id: IssuerId, ...profileColumns })

/** A program's row. */
export const ProgramRow = entityRow(Program, {
  id: ProgramId,
  issuerId: column("issuer_id", IssuerId),
  ...profileColumns
})

/** The columns a save writes: all but the key and the creation time. */
export const OrganisationUpdate = Schema.Struct(Struct.omit(OrganisationRow.from.fields, "id", "createdAt"))
/** The columns an issuer's save writes: never its organisation or creation time. */
export const IssuerUpdate = Schema.Struct(Struct.omit(IssuerRow.from.fields, "id", "organisationId", "createdAt"))
/** The columns a program's save writes: never its organisation or creation time. */
export const ProgramUpdate = Schema.Struct(Struct.omit(ProgramRow.from.fields, "id", "organisationId", "createdAt"))
