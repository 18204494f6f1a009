import type { Engine, Stores } from "@badge-engine/core"
import { Actor, ServerSecrets } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { setup, uniqueId } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const serverSecrets = (it: It) => {
  it.effect("a purpose's first secret is made once, however many ask for it at once", () =>
    Effect.gen(function*() {
      const secrets = yield* ServerSecrets.ServerSecrets
      const purpose = uniqueId("purpose")
      const current = yield* Effect.all(Array.from({ length: 20 }, () => secrets.current(purpose)), {
        concurrency: "unbounded"
      })
      expect(new Set(current.map((secret) => secret.id)).size).toBe(1)
      expect(current[0]).toMatchObject({ purpose, generation: 1 })
      expect(Redacted.value(current[0]!.secret)).toHaveLength(32)
      expect(yield* secrets.list(purpose)).toHaveLength(1)
    }))

  it.effect("rotating makes a new current secret and keeps the old one live until it is retired", () =>
    Effect.gen(function*() {
      const secrets = yield* ServerSecrets.ServerSecrets
      const purpose = uniqueId("purpose")
      const first = yield* secrets.current(purpose)
      const second = yield* secrets.rotate(purpose)
      expect(second.generation).toBe(2)
      expect(Redacted.value(second.secret)).not.toEqual(Redacted.value(first.secret))
      expect((yield* secrets.live(purpose)).map((secret) => secret.id)).toEqual([second.id, first.id])
      yield* secrets.retire(second.id)
      // The newest secret not retired is current: here the first again.
      expect((yield* secrets.current(purpose)).id).toBe(first.id)
      yield* secrets.retire(first.id)
      expect(yield* secrets.live(purpose)).toEqual([])
      // With every secret retired, the next use makes a new one.
      const third = yield* secrets.current(purpose)
      expect(third.generation).toBe(3)
      expect((yield* secrets.list(purpose)).map((secret) => secret.generation)).toEqual([3, 2, 1])
      expect((yield* Effect.flip(secrets.retire("secret-missing" as never)))._tag).toBe("NotFound")
    }))

  it.effect("concurrent rotations never make two secrets of one generation, and each returns a new one", () =>
    Effect.gen(function*() {
      const secrets = yield* ServerSecrets.ServerSecrets
      const purpose = uniqueId("purpose")
      yield* secrets.current(purpose)
      const rotated = yield* Effect.all(Array.from({ length: 10 }, () => secrets.rotate(purpose)), {
        concurrency: "unbounded"
      })
      expect(rotated.every((secret) => secret.generation >= 2)).toBe(true)
      const listed = yield* secrets.list(purpose)
      expect(new Set(listed.map((secret) => secret.generation)).size).toBe(listed.length)
      expect(listed.length).toBeLessThanOrEqual(11)
      expect((yield* secrets.current(purpose)).generation).toBe(listed[0]!.generation)
    }))

  it.effect("only the host and internal services rotate, retire and list secrets", () =>
    Effect.gen(function*() {
      const secrets = yield* ServerSecrets.ServerSecrets
      const org = yield* setup()
      const admin = Actor.actingAs(new Actor.Principal({ role: "admin", organisationId: org.id, name: "admin" }))
      const purpose = uniqueId("purpose")
      const secret = yield* secrets.current(purpose)
      expect((yield* Effect.flip(admin(secrets.rotate(purpose))))._tag).toBe("Forbidden")
      expect((yield* Effect.flip(admin(secrets.retire(secret.id))))._tag).toBe("Forbidden")
      expect((yield* Effect.flip(admin(secrets.list(purpose))))._tag).toBe("Forbidden")
      const system = Actor.actingAs(new Actor.Principal({ role: "system", name: "system" }))
      expect((yield* system(secrets.rotate(purpose))).generation).toBe(2)
    }))
}
