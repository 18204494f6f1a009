import type { Engine, Stores } from "@badge-engine/core"
import { ApiKeys, IdGenerator } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import { setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const apiKeys = (it: It) => {
  it.effect("a revoked key is refused at once where it was revoked, and within a second by another process", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const here = yield* ApiKeys.ApiKeys
      // Another server process over the same database: its own service, its own cache of verified keys.
      const elsewhere = yield* ApiKeys.make.pipe(Effect.provide(IdGenerator.layer))
      const { key, record } = yield* here.create({ role: "admin", organisationId: org.id })
      expect(Option.isSome(yield* here.verify(key))).toBe(true)
      expect(Option.isSome(yield* elsewhere.verify(key))).toBe(true)
      yield* here.revoke(record.id)
      expect(Option.isNone(yield* here.verify(key))).toBe(true)
      yield* TestClock.adjust("1001 millis")
      expect(Option.isNone(yield* elsewhere.verify(key))).toBe(true)
    }))
}
