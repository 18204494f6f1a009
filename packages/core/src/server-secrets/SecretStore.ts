/**
 * The storage port of server secrets. A purpose's generations are unique, kept so by the database: of many
 * processes making a purpose's next secret at once, one succeeds.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { ServerSecretId } from "../Ids.js"
import type { SecretPurpose, ServerSecret } from "./ServerSecret.js"

/** The server secrets port. */
export class SecretStore extends Context.Tag("@badge-engine/core/SecretStore")<SecretStore, {
  /**
   * Stores a secret unless its purpose has one of the same generation (`INSERT … ON CONFLICT DO NOTHING`): returns
   * it when stored, nothing when another got there first.
   */
  readonly insert: (secret: ServerSecret) => Effect.Effect<Option.Option<ServerSecret>, StoreError>
  readonly get: (id: ServerSecretId) => Effect.Effect<Option.Option<ServerSecret>, StoreError>
  /** The secrets of a purpose, retired ones too, newest (highest generation) first. */
  readonly list: (purpose: SecretPurpose) => Effect.Effect<ReadonlyArray<ServerSecret>, StoreError>
  /** Retires a secret that is not retired yet and returns it; nothing when it is absent or already retired. */
  readonly retire: (id: ServerSecretId, now: DateTime.Utc) => Effect.Effect<Option.Option<ServerSecret>, StoreError>
}>() {}
