/**
 * Server secrets: a purpose's current secret, made on first use; rotation and retirement. Races are settled by the
 * database (a purpose's generations are unique): however many processes ask for a purpose's first secret at once,
 * one is made.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Redacted } from "effect"
import { Conflict, type Forbidden, NotFound, type StoreError } from "../Errors.js"
import { IdGenerator, type ServerSecretId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import { SecretStore } from "./SecretStore.js"
import { type SecretPurpose, ServerSecret } from "./ServerSecret.js"
import * as ServerSecretPolicy from "./ServerSecretPolicy.js"

/** The server secrets service. */
export class ServerSecrets extends Context.Tag("@badge-engine/core/ServerSecrets")<ServerSecrets, {
  /** The purpose's current secret (the newest not retired); the first use of a purpose makes one, once. */
  readonly current: (purpose: SecretPurpose) => Effect.Effect<ServerSecret, StoreError>
  /** The secrets what was derived for a purpose may have been derived under: those not retired, newest first. */
  readonly live: (purpose: SecretPurpose) => Effect.Effect<ReadonlyArray<ServerSecret>, StoreError>
  /**
   * Makes a new current secret; older ones stay live until retired. Of rotations racing from the same newest secret,
   * one makes it and the others return it.
   */
  readonly rotate: (purpose: SecretPurpose) => Effect.Effect<ServerSecret, Forbidden | StoreError>
  /** Retires a secret: what was derived under it stops verifying. Retiring twice is a `Conflict`. */
  readonly retire: (id: ServerSecretId) => Effect.Effect<ServerSecret, NotFound | Conflict | Forbidden | StoreError>
  /** Every secret of a purpose, retired ones too, newest first. */
  readonly list: (purpose: SecretPurpose) => Effect.Effect<ReadonlyArray<ServerSecret>, Forbidden | StoreError>
}>() {}

/** Builds the ServerSecrets service from the port in context. */
export const make = Effect.gen(function*() {
  const store = yield* SecretStore
  const ids = yield* IdGenerator

  /**
   * Makes the purpose's next secret after the newest in `known` (one read), unless another process made that
   * generation first; then the newest live secret is the one made.
   */
  const next = (purpose: SecretPurpose, known: ReadonlyArray<ServerSecret>) =>
    Effect.gen(function*() {
      const made = yield* store.insert(
        new ServerSecret({
          id: (yield* ids.make("secret")) as ServerSecretId,
          purpose,
          generation: (known[0]?.generation ?? 0) + 1,
          secret: Redacted.make(yield* Secrets.randomBytes),
          createdAt: yield* DateTime.now
        }, { disableValidation: true })
      )
      if (Option.isSome(made)) return made.value
      const newest = (yield* store.list(purpose)).find((secret) => secret.live)
      if (newest === undefined) {
        return yield* Effect.dieMessage(`the secret made for ${purpose} was retired before it could be used`)
      }
      return newest
    })

  const current = Effect.fn("ServerSecrets.current")(function*(purpose: SecretPurpose) {
    const known = yield* store.list(purpose)
    return known.find((secret) => secret.live) ?? (yield* next(purpose, known))
  })

  const live = Effect.fn("ServerSecrets.live")(function*(purpose: SecretPurpose) {
    return (yield* store.list(purpose)).filter((secret) => secret.live)
  })

  const rotate = Effect.fn("ServerSecrets.rotate")(function*(purpose: SecretPurpose) {
    yield* ServerSecretPolicy.manage
    return yield* next(purpose, yield* store.list(purpose))
  })

  const retire = Effect.fn("ServerSecrets.retire")(function*(id: ServerSecretId) {
    yield* ServerSecretPolicy.manage
    const retired = yield* store.retire(id, yield* DateTime.now)
    if (Option.isSome(retired)) return retired.value
    return yield* Option.isSome(yield* store.get(id))
      ? new Conflict({ entity: "server secret", reason: "the secret is already retired", existingId: id })
      : new NotFound({ entity: "server secret", id })
  })

  const list = Effect.fn("ServerSecrets.list")(function*(purpose: SecretPurpose) {
    yield* ServerSecretPolicy.manage
    return yield* store.list(purpose)
  })

  return ServerSecrets.of({ current, live, rotate, retire, list })
})

/** The server secrets service over the port in context. */
export const layer: Layer.Layer<ServerSecrets, never, SecretStore | IdGenerator> = Layer.effect(ServerSecrets, make)
