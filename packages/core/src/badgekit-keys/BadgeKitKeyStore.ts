/**
 * The storage port of BadgeKit consumer keys.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Conflict, StoreError } from "../Errors.js"
import type { BadgeKitKey } from "./BadgeKitKey.js"

/** The consumer keys port: a key's name is unique on the server (a `Conflict` otherwise). */
export class BadgeKitKeyStore extends Context.Tag("@badge-engine/core/BadgeKitKeyStore")<BadgeKitKeyStore, {
  readonly insert: (key: BadgeKitKey) => Effect.Effect<BadgeKitKey, Conflict | StoreError>
  readonly get: (name: string) => Effect.Effect<Option.Option<BadgeKitKey>, StoreError>
}>() {}
