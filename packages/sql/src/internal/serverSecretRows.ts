/**
 * The rows of server secrets, declared once as a Schema: the secret's 256 bits as base64url text.
 */
import { SecretPurpose, ServerSecret, ServerSecretId } from "@badge-engine/core"
import { Schema } from "effect"
import { column, entityRow, Integer, nullableColumn, Timestamp } from "./codecs.js"

/** A server secret's row. */
export const ServerSecretRow = entityRow(ServerSecret, {
  id: ServerSecretId,
  purpose: SecretPurpose,
  generation: Integer,
  secret: Schema.Redacted(Schema.Uint8ArrayFromBase64Url),
  createdAt: column("created_at", Timestamp),
  retiredAt: nullableColumn("retired_at", Timestamp)
})
