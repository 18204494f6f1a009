import { SecretStore, ServerSecret, type ServerSecretId, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Either, Option, Redacted } from "effect"
import { hoursAfter, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A secret of a purpose and generation, with 256 random bits. */
export const serverSecret = (purpose: string, generation: number, createdAt = t0) =>
  new ServerSecret({
    id: uniqueId("secret") as ServerSecretId,
    purpose,
    generation,
    secret: Redacted.make(crypto.getRandomValues(new Uint8Array(32))),
    createdAt
  })

/** The server secrets port; each test has a purpose of its own. */
export const serverSecrets = (it: It) => {
  it.effect("stores a secret's bits and lists a purpose's secrets newest generation first", () =>
    Effect.gen(function*() {
      const store = yield* SecretStore
      const purpose = uniqueId("purpose")
      const first = serverSecret(purpose, 1)
      const second = serverSecret(purpose, 2, hoursAfter(1))
      expect(Option.getOrThrow(yield* store.insert(first)).id).toBe(first.id)
      yield* store.insert(second)
      yield* store.insert(serverSecret(uniqueId("other-purpose"), 1))
      const listed = yield* store.list(purpose)
      expect(listed.map((s) => s.id)).toEqual([second.id, first.id])
      expect(Redacted.value(listed[1]!.secret)).toEqual(Redacted.value(first.secret))
      expect(listed[0]!.createdAt).toEqual(hoursAfter(1))
      expect(Option.getOrThrow(yield* store.get(first.id)).generation).toBe(1)
      expect(Option.isNone(yield* store.get("secret-missing" as never))).toBe(true)
    }))

  it.effect("of 20 concurrent inserts of one purpose's generation, one is stored", () =>
    Effect.gen(function*() {
      const store = yield* SecretStore
      const purpose = uniqueId("purpose")
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.either(store.insert(serverSecret(purpose, 1)))),
        { concurrency: "unbounded" }
      )
      expect(results.filter((r) => Either.isRight(r) && Option.isSome(r.right))).toHaveLength(1)
      expect(results.every(Either.isRight)).toBe(true)
      expect(yield* store.list(purpose)).toHaveLength(1)
    }))

  it.effect("retires a secret once; an unknown one retires nothing", () =>
    Effect.gen(function*() {
      const store = yield* SecretStore
      const secret = Option.getOrThrow(yield* store.insert(serverSecret(uniqueId("purpose"), 1)))
      expect(secret.retiredAt).toBeUndefined()
      const retired = Option.getOrThrow(yield* store.retire(secret.id, hoursAfter(2)))
      expect(retired.retiredAt).toEqual(hoursAfter(2))
      expect(retired.live).toBe(false)
      expect(Option.isNone(yield* store.retire(secret.id, hoursAfter(3)))).toBe(true)
      expect(Option.getOrThrow(yield* store.get(secret.id)).retiredAt).toEqual(hoursAfter(2))
      expect(Option.isNone(yield* store.retire("secret-missing" as never, t0))).toBe(true)
    }))
}
