import type { Engine, Stores } from "@badge-engine/core"
import { Actor, BadgeKitKeys, BadgeKitKeyStore, Definitions, ServerSecrets } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { define, setup, uniqueId } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const badgekitKeys = (it: It) => {
  it.effect("a consumer key's secret is generated (256 bits) or given, stored sealed, and opened for its system", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const keys = yield* BadgeKitKeys.BadgeKitKeys
      const generated = yield* keys.create({ organisationId: org.id, name: uniqueId("gen") })
      expect(Redacted.value(generated.secret)).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const given = yield* keys.create({
        organisationId: org.id,
        name: uniqueId("given"),
        secret: "a-secret-we-chose-1"
      })
      expect(Redacted.value(given.secret)).toBe("a-secret-we-chose-1")
      const stored = Option.getOrThrow(yield* (yield* BadgeKitKeyStore).get(given.key.name))
      expect(stored.sealedSecret).not.toContain("a-secret-we-chose")
      const opened = Option.getOrThrow(yield* keys.open(given.key.name))
      expect(opened).toMatchObject({ name: given.key.name, organisationId: org.id })
      expect(Redacted.value(opened.secret)).toBe("a-secret-we-chose-1")
      expect(Option.isNone(yield* keys.open(uniqueId("nobody")))).toBe(true)
    }))

  it.effect("a taken name conflicts, a bad name or a short secret is refused, and only the host or system may make keys", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const keys = yield* BadgeKitKeys.BadgeKitKeys
      const name = uniqueId("k")
      yield* keys.create({ organisationId: org.id, name })
      expect((yield* Effect.flip(keys.create({ organisationId: org.id, name })))._tag).toBe("Conflict")
      expect(yield* Effect.flip(keys.create({ organisationId: org.id, name: "master" }))).toMatchObject({
        _tag: "InvalidInput",
        field: "name"
      })
      expect(yield* Effect.flip(keys.create({ organisationId: org.id, name: uniqueId("s"), secret: "short" })))
        .toMatchObject({ _tag: "InvalidInput", field: "secret" })
      expect((yield* Effect.flip(keys.create({ organisationId: "org-none", name: uniqueId("n") })))._tag).toBe(
        "NotFound"
      )
      const admin = new Actor.Principal({ role: "admin", organisationId: org.id, name: "admin" })
      const refused = yield* Effect.flip(
        keys.create({ organisationId: org.id, name: uniqueId("a") }).pipe(Actor.actingAs(admin))
      )
      expect(refused._tag).toBe("Forbidden")
    }))

  it.effect("retiring the secret a key is sealed under makes the key unusable", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const keys = yield* BadgeKitKeys.BadgeKitKeys
      const made = yield* keys.create({ organisationId: org.id, name: uniqueId("r") })
      yield* (yield* ServerSecrets.ServerSecrets).retire(made.key.sealedUnder)
      expect(Option.isNone(yield* keys.open(made.key.name))).toBe(true)
    }))

  it.effect("a server-scoped slug may not be any live definition's, in any organisation", () =>
    Effect.gen(function*() {
      const a = yield* setup()
      const b = yield* setup()
      const slug = uniqueId("shared").toLowerCase()
      yield* define(a.id, { slug })
      const refused = yield* Effect.flip(define(b.id, { slug, slugScope: "server" }))
      expect(refused._tag).toBe("Conflict")
      const other = yield* define(b.id, { slug: `${slug}-kit`, slugScope: "server" })
      const definitions = yield* Definitions.Definitions
      expect((yield* Effect.flip(definitions.update(other.id, { slug })))._tag).toBe("Conflict")
      expect(other.slugScope).toBe("server")
    }))
}
