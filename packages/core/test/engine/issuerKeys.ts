import type { Engine, Stores } from "@badge-engine/core"
import { Actor, IssuerKeys, Multikey, ServerSecrets, StatusLists } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

const message = new TextEncoder().encode("hash data")

export const issuerKeys = (it: It) => {
  it.effect("an organisation's first key is made once, however many ask for it at once, and signs verifiably", () =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const org = yield* setup()
      const current = yield* Effect.all(Array.from({ length: 20 }, () => keys.current(org.id)), {
        concurrency: "unbounded"
      })
      expect(new Set(current.map((key) => key.id)).size).toBe(1)
      expect(current[0]).toMatchObject({ organisationId: org.id, generation: 1 })
      expect(current[0]!.publicKeyMultibase).toMatch(/^z6Mk/)
      const proofValue = yield* keys.sign(current[0]!, message)
      const publicKey = Multikey.decodePublicKey(current[0]!.publicKeyMultibase)!
      expect(Multikey.verify(publicKey, message, proofValue)).toBe(true)
      expect(Multikey.verify(publicKey, new TextEncoder().encode("hash datb"), proofValue)).toBe(false)
      // Ed25519 is deterministic and the private key is derived again each time: the same signature.
      expect(yield* keys.sign(current[0]!, message)).toBe(proofValue)
      const other = yield* setup()
      expect((yield* keys.current(other.id)).publicKeyMultibase).not.toBe(current[0]!.publicKeyMultibase)
    }))

  it.effect("rotating makes the next key current and keeps the old one listed; old signatures still verify", () =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const org = yield* setup()
      const first = yield* keys.current(org.id)
      const signed = yield* keys.sign(first, message)
      const second = yield* keys.rotate(org.id)
      expect(second.generation).toBe(2)
      expect((yield* keys.current(org.id)).id).toBe(second.id)
      expect((yield* keys.all(org.id)).map((key) => key.id)).toEqual([second.id, first.id])
      expect(Multikey.verify(Multikey.decodePublicKey(first.publicKeyMultibase)!, message, signed)).toBe(true)
    }))

  it.effect("a key whose server secret is retired signs no more: the next use makes a new key", () =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const secrets = yield* ServerSecrets.ServerSecrets
      const org = yield* setup()
      const first = yield* keys.current(org.id)
      yield* secrets.rotate("openbadges-issuer-keys")
      yield* secrets.retire(first.secretId)
      const next = yield* keys.current(org.id)
      expect(next.generation).toBe(2)
      expect(next.secretId).not.toBe(first.secretId)
      expect((yield* keys.all(org.id)).map((key) => key.generation)).toEqual([2, 1])
    }))

  it.effect("an organisation's admins and internal services rotate its key; others may not", () =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const org = yield* setup()
      const other = yield* setup()
      const as = (role: "admin" | "coordinator" | "system", organisationId?: typeof org.id) =>
        Actor.actingAs(new Actor.Principal({ role, organisationId, name: role }))
      expect((yield* as("admin", org.id)(keys.rotate(org.id))).generation).toBe(1)
      expect((yield* Effect.flip(as("coordinator", org.id)(keys.rotate(org.id))))._tag).toBe("Forbidden")
      expect((yield* Effect.flip(as("admin", other.id)(keys.rotate(org.id))))._tag).toBe("NotFound")
      expect((yield* as("system")(keys.rotate(org.id))).generation).toBe(2)
      expect((yield* Effect.flip(keys.rotate("org-missing" as never)))._tag).toBe("NotFound")
    }))

  it.effect("a status list's bits are its organisation's revoked awards, at their serials", () =>
    Effect.gen(function*() {
      expect(StatusLists.positionOf(5)).toEqual({ list: 0, index: 5 })
      expect(StatusLists.positionOf(StatusLists.listSize + 3)).toEqual({ list: 1, index: 3 })
      const lists = yield* StatusLists.StatusLists
      const org = yield* setup()
      const bits = yield* lists.bits(org.id, 0)
      expect(bits).toHaveLength(StatusLists.listSize / 8)
      expect(bits.every((byte) => byte === 0)).toBe(true)
    }))
}
