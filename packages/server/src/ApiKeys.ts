/**
 * API keys: 256 random bits, shown once, stored only as a SHA-256 hash, and revocable.
 *
 * @since 0.1.0
 */
import {
  ApiKey,
  type ApiKeyId,
  BadgeStore,
  IdGenerator,
  InvalidInput,
  type OrganisationId,
  type Role,
  type StoreError
} from "@badge-engine/core"
import { Context, DateTime, Effect, Layer, Option, Redacted } from "effect"
import * as crypto from "node:crypto"

/** The hash a key is stored and looked up by. */
export const hashKey = (key: string): string => crypto.createHash("sha256").update(key).digest("hex")

/** What a new key is for. */
export interface NewApiKey {
  readonly role: Role
  readonly organisationId?: OrganisationId | undefined
  readonly subjectId?: string | undefined
  readonly name?: string | undefined
}

/** The API keys service. */
export class ApiKeys extends Context.Tag("@badge-engine/server/ApiKeys")<ApiKeys, {
  /** Makes a key; the secret is in the result only, never stored or logged. */
  readonly create: (
    input: NewApiKey
  ) => Effect.Effect<{ readonly key: Redacted.Redacted<string>; readonly record: ApiKey }, InvalidInput | StoreError>
  /** The unrevoked key a secret belongs to. */
  readonly verify: (key: Redacted.Redacted<string>) => Effect.Effect<Option.Option<ApiKey>, StoreError>
}>() {}

/** The API keys service over the store and the id generator in context. */
export const make = Effect.gen(function*() {
  const store = yield* BadgeStore
  const ids = yield* IdGenerator

  const create = Effect.fn("ApiKeys.create")(function*(input: NewApiKey) {
    if (input.role !== "system" && input.organisationId === undefined) {
      return yield* new InvalidInput({ field: "organisation", reason: `a ${input.role} key needs an organisation` })
    }
    if (input.role === "peer_mentor" && input.subjectId === undefined) {
      return yield* new InvalidInput({ field: "subject", reason: "a peer_mentor key needs the peer mentor's id" })
    }
    if (input.organisationId !== undefined && Option.isNone(yield* store.getOrganisation(input.organisationId))) {
      return yield* new InvalidInput({ field: "organisation", reason: `no organisation ${input.organisationId}` })
    }
    const secret = `be_${crypto.randomBytes(32).toString("base64url")}`
    const record = yield* store.createApiKey(
      new ApiKey({
        id: (yield* ids.make("key")) as ApiKeyId,
        name: input.name,
        role: input.role,
        organisationId: input.role === "system" ? undefined : input.organisationId,
        subjectId: input.subjectId,
        keyHash: hashKey(secret),
        prefix: secret.slice(0, 10),
        createdAt: yield* DateTime.now
      })
    )
    return { key: Redacted.make(secret), record }
  })

  const verify = Effect.fn("ApiKeys.verify")(function*(key: Redacted.Redacted<string>) {
    const secret = Redacted.value(key)
    if (!secret.startsWith("be_")) return Option.none()
    const hash = hashKey(secret)
    const found = yield* store.findApiKey(hash)
    // The lookup is by hash already; compare again in constant time so no timing tells how close a guess was.
    return Option.filter(
      found,
      (record) => crypto.timingSafeEqual(Buffer.from(record.keyHash, "hex"), Buffer.from(hash, "hex"))
    )
  })

  return ApiKeys.of({ create, verify })
})

/** API keys over the store in context. */
export const layer: Layer.Layer<ApiKeys, never, BadgeStore | IdGenerator> = Layer.effect(ApiKeys, make)
