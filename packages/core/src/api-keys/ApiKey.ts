/**
 * API keys and the roles of the v1 contracts.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ApiKeyId, OrganisationId } from "../Ids.js"

/** Roles: `peer_mentor` acts only for itself; every role but `system` is bound to one organisation. */
export const Role = Schema.Literal("admin", "coordinator", "peer_mentor", "system")
/** @since 0.1.0 */
export type Role = typeof Role.Type

/** An API key's record. The key itself is shown once; only its SHA-256 hash is stored. */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  name: Schema.optional(Schema.String.pipe(Schema.maxLength(255))),
  role: Role,
  organisationId: Schema.optional(OrganisationId),
  subjectId: Schema.optional(Schema.String.pipe(Schema.maxLength(255))),
  keyHash: Schema.String,
  prefix: Schema.String,
  createdAt: Schema.DateTimeUtcFromSelf,
  revokedAt: Schema.optional(Schema.DateTimeUtcFromSelf)
}) {}
