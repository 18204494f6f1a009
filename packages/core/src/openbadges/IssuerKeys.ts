/**
 * Issuer keys: each organisation signs its Open Badges 3.0 credentials with its own Ed25519 key, made on first use
 * and rotatable. A key's private half is never stored: it is the HMAC-SHA256 of the key's id under a server secret
 * (purpose `openbadges-issuer-keys`), derived again to sign. Old keys stay published, so what they signed still
 * verifies; a key whose secret is retired signs no more, and the next use makes a new one.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Redacted } from "effect"
import { type Forbidden, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import { IdGenerator, type OrganisationId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import type { ServerSecret } from "../server-secrets/ServerSecret.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { IssuerKey, type IssuerKeyId, issuerKeyPurpose } from "./IssuerKey.js"
import * as IssuerKeyPolicy from "./IssuerKeyPolicy.js"
import { IssuerKeyStore } from "./IssuerKeyStore.js"
import * as Multikey from "./Multikey.js"

/** The issuer keys service. */
export class IssuerKeys extends Context.Tag("@badge-engine/core/IssuerKeys")<IssuerKeys, {
  /** The organisation's signing key: the newest whose secret is live; the first use makes one, once. */
  readonly current: (organisationId: OrganisationId) => Effect.Effect<IssuerKey, StoreError>
  /** Every key the organisation ever had, newest first: all of them are published. */
  readonly all: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<IssuerKey>, StoreError>
  /**
   * Makes a new signing key (system, or the organisation's admins); older ones stay published. Of rotations racing
   * from the same newest key, one makes it and the others return it.
   */
  readonly rotate: (organisationId: OrganisationId) => Effect.Effect<IssuerKey, NotFound | Forbidden | StoreError>
  /** Signs a message with a key; the signature as a base58btc `proofValue`. */
  readonly sign: (key: IssuerKey, message: Uint8Array) => Effect.Effect<string, StoreError>
}>() {}

/** The Ed25519 private key (seed) of a key id under a secret. */
const seedOf = (secret: ServerSecret, id: IssuerKeyId): Uint8Array =>
  Secrets.hmac(Redacted.value(secret.secret), `issuer-key:${id}`)

/** Builds the issuer keys service from the ports and services in context. */
export const make = Effect.gen(function*() {
  const store = yield* IssuerKeyStore
  const secrets = yield* ServerSecrets
  const tenancy = yield* TenancyStore
  const ids = yield* IdGenerator

  /** The newest key whose secret is live, with that secret. */
  const usable = (keys: ReadonlyArray<IssuerKey>, live: ReadonlyArray<ServerSecret>) => {
    for (const key of keys) {
      const secret = live.find((candidate) => candidate.id === key.secretId)
      if (secret !== undefined) return Option.some({ key, secret })
    }
    return Option.none()
  }

  /**
   * Makes the organisation's next key after the newest in `known`, unless another process made that generation
   * first; then the newest key is the one made.
   */
  const next = (organisationId: OrganisationId, known: ReadonlyArray<IssuerKey>) =>
    Effect.gen(function*() {
      const secret = yield* secrets.current(issuerKeyPurpose)
      const id = (yield* ids.make("issuer-key")) as IssuerKeyId
      const made = yield* store.insert(
        new IssuerKey({
          id,
          organisationId,
          generation: (known[0]?.generation ?? 0) + 1,
          publicKeyMultibase: Multikey.encodePublicKey(Multikey.publicKeyOf(seedOf(secret, id))),
          secretId: secret.id,
          createdAt: yield* DateTime.now
        }, { disableValidation: true })
      )
      if (Option.isSome(made)) return made.value
      const newest = (yield* store.list(organisationId))[0]
      return newest ?? (yield* Effect.dieMessage(`the key made for ${organisationId} is gone`))
    })

  const current = Effect.fn("IssuerKeys.current")(function*(organisationId: OrganisationId) {
    const known = yield* store.list(organisationId)
    const found = usable(known, yield* secrets.live(issuerKeyPurpose))
    return Option.isSome(found) ? found.value.key : yield* next(organisationId, known)
  })

  const all = Effect.fn("IssuerKeys.all")(function*(organisationId: OrganisationId) {
    return yield* store.list(organisationId)
  })

  const rotate = Effect.fn("IssuerKeys.rotate")(function*(organisationId: OrganisationId) {
    yield* IssuerKeyPolicy.rotate
    yield* IssuerKeyPolicy.rotateOf(organisationId)
    yield* tenancy.getOrganisation(organisationId).pipe(orNotFound("organisation", organisationId))
    return yield* next(organisationId, yield* store.list(organisationId))
  })

  const sign = Effect.fn("IssuerKeys.sign")(function*(key: IssuerKey, message: Uint8Array) {
    const found = usable([key], yield* secrets.live(issuerKeyPurpose))
    if (Option.isNone(found)) return yield* Effect.dieMessage(`the secret of issuer key ${key.id} is retired`)
    return Multikey.sign(seedOf(found.value.secret, key.id), message)
  })

  return IssuerKeys.of({ current, all, rotate, sign })
})

/** The issuer keys service over the ports and server secrets in context. */
export const layer: Layer.Layer<IssuerKeys, never, IssuerKeyStore | TenancyStore | ServerSecrets | IdGenerator> = Layer
  .effect(IssuerKeys, make)
