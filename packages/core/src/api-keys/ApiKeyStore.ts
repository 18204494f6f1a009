/**
 * The storage port of API keys. Only a key's hash is stored.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { NotFound, StoreError } from "../Errors.js"
import type { ApiKeyId } from "../Ids.js"
import type { ApiKey } from "./ApiKey.js"

/** The API keys port. */
export class ApiKeyStore extends Context.Tag("@badge-engine/core/ApiKeyStore")<ApiKeyStore, {
  readonly create: (key: ApiKey) => Effect.Effect<ApiKey, StoreError>
  /** The unrevoked key with this hash. */
  readonly findByHash: (keyHash: string) => Effect.Effect<Option.Option<ApiKey>, StoreError>
  readonly list: () => Effect.Effect<ReadonlyArray<ApiKey>, StoreError>
  /** Revokes a key; revoking a revoked key changes nothing. */
  readonly revoke: (id: ApiKeyId, now: DateTime.Utc) => Effect.Effect<ApiKey, NotFound | StoreError>
}>() {}
