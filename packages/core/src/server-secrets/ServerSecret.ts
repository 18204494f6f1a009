/**
 * Server secrets: random keys the engine keeps in its database to derive other secrets from (grants' accept keys),
 * so those need not be stored. Each serves one purpose; rotating makes a new current one, retiring ends one.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ServerSecretId } from "../Ids.js"

/** What a secret is for, e.g. `grant-accept-keys`: each purpose has its own secrets and its own current one. */
export const SecretPurpose = Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9_.:-]*$/), Schema.maxLength(100))
/** @since 0.1.0 */
export type SecretPurpose = typeof SecretPurpose.Type

/**
 * A server secret: 256 random bits. Of a purpose's secrets not retired, the one of the highest `generation` is
 * current; the others still verify what was derived under them until they are retired.
 */
export class ServerSecret extends Schema.Class<ServerSecret>("ServerSecret")({
  id: ServerSecretId,
  purpose: SecretPurpose,
  /** 1 for a purpose's first secret, one more for each rotation: the database keeps it unique per purpose. */
  generation: Schema.Int.pipe(Schema.positive()),
  secret: Schema.Redacted(Schema.Uint8ArrayFromSelf),
  createdAt: Schema.DateTimeUtcFromSelf,
  retiredAt: Schema.optional(Schema.DateTimeUtcFromSelf)
}) {
  /** Whether keys derived under it are still accepted. */
  get live(): boolean {
    return this.retiredAt === undefined
  }
}
