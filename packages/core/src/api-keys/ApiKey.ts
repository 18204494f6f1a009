/**
 * API keys and the roles of the v1 contracts.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Text } from "../Fields.js"
import { ApiKeyId, OrganisationId } from "../Ids.js"

/** Roles: `peer_mentor` acts only for itself; every role but `system` is bound to one organisation. */
export const Role = Schema.Literal("admin", "coordinator", "peer_mentor", "system")
/** @since 0.1.0 */
export type Role = typeof Role.Type

/**
 * A scope a key may hold, OAuth-style: `rw:issuer` (every issuer of its organisation), `rw:issuer:<issuer id>` (one
 * issuer), `r:profile`, and the like: `r` or `rw`, a resource, and optionally the id of one of them.
 */
export const ApiKeyScope = Schema.String.pipe(
  Schema.pattern(/^(r|rw):[a-z_]+(:[A-Za-z0-9_-]+)?$/, {
    message: () => "a scope is r:<resource> or rw:<resource>[:<id>]"
  })
)

/** The scopes a key holds: the stored ones, else the default of its role (admin: `rw:issuer`). */
export const apiKeyScopes = (
  key: { readonly role: Role; readonly scopes?: string | undefined }
): ReadonlyArray<string> =>
  key.scopes !== undefined
    ? key.scopes.split(" ").filter((scope) => scope !== "")
    : key.role === "admin"
    ? ["rw:issuer"]
    : []

/** An API key's record. The key itself is shown once; only its SHA-256 hash is stored. */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  name: Schema.optional(Text.pipe(Schema.maxLength(255))),
  role: Role,
  organisationId: Schema.optional(OrganisationId),
  subjectId: Schema.optional(Text.pipe(Schema.maxLength(255))),
  /** Space-separated scopes; absent means the default of its role (see {@link apiKeyScopes}). */
  scopes: Schema.optional(Schema.String),
  keyHash: Schema.String,
  prefix: Schema.String,
  createdAt: Schema.DateTimeUtcFromSelf,
  revokedAt: Schema.optional(Schema.DateTimeUtcFromSelf)
}) {}
