/**
 * Grants' accept keys, derived and never stored: base64url(HMAC-SHA256(server secret, grant id)), 256 bits. An offer
 * shows the key under the purpose's current secret; a key derived under any secret not retired is accepted.
 *
 * @since 0.1.0
 */
import { Effect, Redacted } from "effect"
import type { StoreError } from "../Errors.js"
import type { GrantId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import type { SecretPurpose, ServerSecret } from "../server-secrets/ServerSecret.js"
import type { ServerSecrets } from "../server-secrets/ServerSecrets.js"

/** The purpose of the server secrets accept keys are derived under. */
export const purpose: SecretPurpose = "grant-accept-keys"

/** A grant's accept key under a secret. */
export const derive = (secret: ServerSecret, id: GrantId): Redacted.Redacted<string> =>
  Redacted.make(Secrets.derive(Redacted.value(secret.secret), id))

/**
 * Whether `key` is the grant's accept key under one of the live secrets. Every secret is compared, in constant time,
 * so the time taken tells nothing of the key.
 */
export const matches = (
  secrets: ServerSecrets["Type"],
  id: GrantId,
  key: Redacted.Redacted<string>
): Effect.Effect<boolean, StoreError> =>
  Effect.map(
    secrets.live(purpose),
    (live) =>
      live.reduce(
        (found, secret) =>
          Secrets.equalInConstantTime(Redacted.value(derive(secret, id)), Redacted.value(key)) || found,
        false
      )
  )
