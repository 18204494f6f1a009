import {
  BadgeKitKey,
  BadgeKitKeyStore,
  DefinitionStore,
  SecretStore,
  ServerSecret,
  type ServerSecretId,
  type Stores,
  TenancyStore
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { definition, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A server secret to seal keys under. */
const sealer = Effect.gen(function*() {
  const secrets = yield* SecretStore
  const made = new ServerSecret({
    id: uniqueId("secret") as ServerSecretId,
    purpose: uniqueId("purpose"),
    generation: 1,
    secret: Redacted.make(new Uint8Array(32).fill(7)),
    createdAt: t0
  })
  return Option.getOrThrow(yield* secrets.insert(made))
})

/** BadgeKit's needs of the stores: server-scoped slugs, organisations by slug, consumer keys. */
export const badgekit = (it: It) => {
  it.effect("a server-scoped slug is unique on the whole server; a deleted definition frees it", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const a = yield* organisation()
      const b = yield* organisation()
      const c = yield* organisation()
      const slug = uniqueId("kit").toLowerCase()
      const first = yield* definition(a.id, { slug, slugScope: "server" })
      expect(first.slugScope).toBe("server")
      const taken = yield* Effect.flip(definition(b.id, { slug, slugScope: "server" }))
      expect(taken._tag).toBe("Conflict")
      expect(Option.getOrThrow(yield* store.getByServerSlug(slug)).id).toBe(first.id)
      expect(yield* store.slugInUse(slug)).toBe(true)
      expect(yield* store.slugInUse(slug, first.id)).toBe(false)
      // Organisation-scoped definitions may share it: the service refuses that, the index only between server ones.
      expect((yield* definition(c.id, { slug })).slugScope).toBe("organisation")
      yield* store.save(
        Object.assign(Object.create(Object.getPrototypeOf(first)), first, { deletedAt: t0, updatedAt: t0 })
      )
      expect(Option.isNone(yield* store.getByServerSlug(slug))).toBe(true)
      expect((yield* definition(b.id, { slug: `${slug}-x`, slugScope: "server" })).slug).toBe(`${slug}-x`)
      const again = yield* definition(b.id, { slug, slugScope: "server", name: "Again" })
      expect(again.organisationId).toBe(b.id)
    }))

  it.effect("of server-scoped definitions racing for one slug in different organisations, one is stored", () =>
    Effect.gen(function*() {
      const slug = uniqueId("race").toLowerCase()
      const organisations = yield* Effect.all(Array.from({ length: 6 }, () => organisation()))
      const results = yield* Effect.all(
        organisations.map((org) => Effect.either(definition(org.id, { slug, slugScope: "server" }))),
        { concurrency: "unbounded" }
      )
      expect(results.filter((result) => result._tag === "Right")).toHaveLength(1)
      for (const result of results) if (result._tag === "Left") expect(result.left._tag).toBe("Conflict")
    }))

  it.effect("reads an organisation by its slug", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      expect(Option.getOrThrow(yield* tenancy.getOrganisationBySlug(org.slug)).id).toBe(org.id)
      expect(Option.isNone(yield* tenancy.getOrganisationBySlug(uniqueId("none")))).toBe(true)
    }))

  it.effect("stores a consumer key by name; a taken name is a Conflict", () =>
    Effect.gen(function*() {
      const keys = yield* BadgeKitKeyStore
      const org = yield* organisation()
      const secret = yield* sealer
      const key = new BadgeKitKey({
        name: uniqueId("key"),
        organisationId: org.id,
        sealedSecret: "c2VhbGVk",
        sealedUnder: secret.id,
        createdAt: t0
      })
      yield* keys.insert(key)
      expect(Option.getOrThrow(yield* keys.get(key.name))).toEqual(key)
      expect((yield* Effect.flip(keys.insert(key)))._tag).toBe("Conflict")
      expect(Option.isNone(yield* keys.get(uniqueId("none")))).toBe(true)
    }))
}
