/**
 * API keys: 256 random bits, shown once, stored only as a SHA-256 hash, compared in constant time, revocable.
 *
 * @since 0.1.0
 */
import { Clock, Context, DateTime, Effect, Layer, Option, Redacted, Schema } from "effect"
import { type Forbidden, InvalidInput, type NotFound, type StoreError } from "../Errors.js"
import { type ApiKeyId, IdGenerator, type OrganisationId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { ApiKey, ApiKeyScope, type Role } from "./ApiKey.js"
import * as ApiKeyPolicy from "./ApiKeyPolicy.js"
import { ApiKeyStore } from "./ApiKeyStore.js"

/** What a new key is for. */
export interface NewApiKey {
  readonly role: Role
  readonly organisationId?: OrganisationId | undefined
  readonly subjectId?: string | undefined
  readonly name?: string | undefined
  /** Space-separated scopes (`rw:issuer r:profile`); without them the role's default. */
  readonly scopes?: string | undefined
}

/** Every key starts so, which tells a key from other secrets (in a leak scanner, say). */
const keyPrefix = "be_"

/** How long a key found valid is taken as valid without asking the store again: a revocation's delay elsewhere. */
export const verifiedFor = 1000

/** How many verified keys are kept at most; the cache starts over when full. */
const maxVerified = 10_000

/** The API keys service. */
export class ApiKeys extends Context.Tag("@badge-engine/core/ApiKeys")<ApiKeys, {
  /** Makes a key; the secret is in the result only, never stored or logged. */
  readonly create: (
    input: NewApiKey
  ) => Effect.Effect<
    { readonly key: Redacted.Redacted<string>; readonly record: ApiKey },
    InvalidInput | Forbidden | StoreError
  >
  /** The unrevoked key a secret belongs to. Needs no actor: this is how a caller becomes one. */
  readonly verify: (key: Redacted.Redacted<string>) => Effect.Effect<Option.Option<ApiKey>, StoreError>
  readonly list: () => Effect.Effect<ReadonlyArray<ApiKey>, Forbidden | StoreError>
  readonly revoke: (id: ApiKeyId) => Effect.Effect<ApiKey, NotFound | Forbidden | StoreError>
}>() {}

/** Builds the ApiKeys service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* ApiKeyStore
  const tenancy = yield* TenancyStore
  const ids = yield* IdGenerator

  const create = Effect.fn("ApiKeys.create")(function*(input: NewApiKey) {
    yield* ApiKeyPolicy.manage
    if (input.role !== "system" && input.organisationId === undefined) {
      return yield* new InvalidInput({ field: "organisation", reason: `a ${input.role} key needs an organisation` })
    }
    if (input.role === "peer_mentor" && input.subjectId === undefined) {
      return yield* new InvalidInput({ field: "subject", reason: "a peer_mentor key needs the peer mentor's id" })
    }
    if (input.organisationId !== undefined && Option.isNone(yield* tenancy.getOrganisation(input.organisationId))) {
      return yield* new InvalidInput({ field: "organisation", reason: `no organisation ${input.organisationId}` })
    }
    const scopes = input.scopes?.split(/\s+/).filter((scope) => scope !== "")
    const badScope = scopes?.find((scope) => !Schema.is(ApiKeyScope)(scope))
    if (badScope !== undefined) {
      return yield* new InvalidInput({ field: "scope", reason: `${badScope} is not a scope (r:<x> or rw:<x>[:<id>])` })
    }
    const secret = yield* Secrets.make(keyPrefix)
    const record = yield* store.create(
      new ApiKey({
        id: (yield* ids.make("key")) as ApiKeyId,
        name: input.name,
        role: input.role,
        organisationId: input.role === "system" ? undefined : input.organisationId,
        subjectId: input.subjectId,
        scopes: scopes === undefined ? undefined : scopes.join(" "),
        keyHash: yield* Secrets.hash(secret),
        prefix: secret.slice(0, 10),
        createdAt: yield* DateTime.now
      })
    )
    return { key: Redacted.make(secret), record }
  })

  // Keys found valid within the last second, by hash: most requests then skip the database. A revocation made in
  // this process takes effect at once; made in another, within `verifiedFor`. Only valid keys are kept, so a
  // stream of wrong keys can neither fill the cache nor be answered from it.
  const verified = new Map<string, { readonly key: ApiKey; readonly until: number }>()

  const lookUp = (hash: string) =>
    Effect.map(
      store.findByHash(hash),
      // The lookup is by hash already; compare again in constant time so no timing tells how close a guess was.
      Option.filter((record) => Secrets.equalInConstantTime(record.keyHash, hash))
    )

  // No span of its own: it runs on every request, and the key lookup's query keeps its span.
  const verify = (key: Redacted.Redacted<string>): Effect.Effect<Option.Option<ApiKey>, StoreError> =>
    Effect.suspend(() => {
      const secret = Redacted.value(key)
      if (!secret.startsWith(keyPrefix)) return Effect.succeed(Option.none())
      return Effect.flatMap(Effect.all([Secrets.hash(secret), Clock.currentTimeMillis]), ([hash, now]) => {
        const cached = verified.get(hash)
        if (cached !== undefined && cached.until > now) return Effect.succeed(Option.some(cached.key))
        return Effect.tap(lookUp(hash), (found) =>
          Effect.sync(() => {
            verified.delete(hash)
            if (Option.isNone(found)) return
            if (verified.size >= maxVerified) verified.clear()
            verified.set(hash, { key: found.value, until: now + verifiedFor })
          }))
      })
    })

  const revoke = Effect.fn("ApiKeys.revoke")(function*(id: ApiKeyId) {
    yield* ApiKeyPolicy.manage
    const revoked = yield* store.revoke(id, yield* DateTime.now)
    verified.delete(revoked.keyHash)
    return revoked
  })

  return ApiKeys.of({
    create,
    verify,
    list: () => Effect.zipRight(ApiKeyPolicy.manage, store.list()),
    revoke
  })
})

/** API keys over the stores in context. */
export const layer: Layer.Layer<ApiKeys, never, ApiKeyStore | TenancyStore | IdGenerator> = Layer.effect(ApiKeys, make)
