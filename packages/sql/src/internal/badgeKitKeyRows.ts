/**
 * The rows of BadgeKit consumer keys, declared once as a Schema.
 */
import { BadgeKitKey, BadgeKitKeyName, OrganisationId, ServerSecretId } from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, Timestamp } from "./codecs.js"

/** A consumer key's row. */
export const BadgeKitKeyRow = entityRow(BadgeKitKey, {
  name: BadgeKitKeyName,
  organisationId: column("organisation_id", OrganisationId),
  sealedSecret: column("sealed_secret", Schema.String),
  sealedUnder: column("sealed_under", ServerSecretId),
  createdAt: column("created_at", Timestamp)
})
