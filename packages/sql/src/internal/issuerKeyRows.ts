/**
 * The rows of issuer keys, declared once as a Schema.
 */
import { IssuerKey, IssuerKeyId, OrganisationId, ServerSecretId } from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, Integer, Timestamp } from "./codecs.js"

/** An issuer key's row. */
export const IssuerKeyRow = entityRow(IssuerKey, {
  id: IssuerKeyId,
  organisationId: column("organisation_id", OrganisationId),
  generation: Integer,
  publicKeyMultibase: column("public_key_multibase", Schema.String),
  secretId: column("secret_id", ServerSecretId),
  createdAt: column("created_at", Timestamp)
})

/** A revoked award's serial. */
export const SerialRow = Schema.Struct({ serial: Integer })
