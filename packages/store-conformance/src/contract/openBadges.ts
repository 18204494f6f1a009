import {
  AwardStore,
  IssuerKey,
  type IssuerKeyId,
  IssuerKeyStore,
  Multikey,
  type OrganisationId,
  SecretStore,
  StatusListStore,
  type Stores
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Either, Option } from "effect"
import { award, definition, hoursAfter, organisation, t0, uniqueId } from "../fixtures.js"
import { serverSecret } from "./serverSecrets.js"

type It = Vitest.MethodsNonLive<Stores>

/** A key of an organisation and generation, under a stored server secret. */
const issuerKey = (organisationId: OrganisationId, generation: number, createdAt = t0) =>
  Effect.gen(function*() {
    const secret = Option.getOrThrow(
      yield* Effect.flatMap(SecretStore, (store) => store.insert(serverSecret(uniqueId("purpose"), 1)))
    )
    return new IssuerKey({
      id: uniqueId("issuer-key") as IssuerKeyId,
      organisationId,
      generation,
      publicKeyMultibase: Multikey.encodePublicKey(Multikey.publicKeyOf(crypto.getRandomValues(new Uint8Array(32)))),
      secretId: secret.id,
      createdAt
    })
  })

/** The issuer keys and status lists ports. */
export const openBadges = (it: It) => {
  it.effect("stores an organisation's keys and lists them newest generation first, apart from others'", () =>
    Effect.gen(function*() {
      const store = yield* IssuerKeyStore
      const org = yield* organisation()
      const other = yield* organisation()
      const first = yield* issuerKey(org.id, 1)
      const second = yield* issuerKey(org.id, 2, hoursAfter(1))
      expect(Option.getOrThrow(yield* store.insert(first))).toEqual(first)
      yield* store.insert(second)
      yield* store.insert(yield* issuerKey(other.id, 1))
      const listed = yield* store.list(org.id)
      expect(listed.map((key) => key.id)).toEqual([second.id, first.id])
      expect(listed[0]!.publicKeyMultibase).toBe(second.publicKeyMultibase)
      expect(listed[0]!.createdAt).toEqual(hoursAfter(1))
      expect(yield* store.list("org-missing" as OrganisationId)).toEqual([])
    }))

  it.effect("of 20 concurrent inserts of an organisation's generation, one is stored", () =>
    Effect.gen(function*() {
      const store = yield* IssuerKeyStore
      const org = yield* organisation()
      const keys = yield* Effect.all(Array.from({ length: 20 }, () => issuerKey(org.id, 1)))
      const results = yield* Effect.all(keys.map((key) => Effect.either(store.insert(key))), {
        concurrency: "unbounded"
      })
      expect(results.every(Either.isRight)).toBe(true)
      expect(results.filter((r) => Either.isRight(r) && Option.isSome(r.right))).toHaveLength(1)
      expect(yield* store.list(org.id)).toHaveLength(1)
    }))

  it.effect("lists the serials of an organisation's revoked awards in a range, and no one else's", () =>
    Effect.gen(function*() {
      const lists = yield* StatusListStore
      const awards = yield* AwardStore
      const org = yield* organisation()
      const other = yield* organisation()
      const badge = yield* definition(org.id, { unique: false })
      const otherBadge = yield* definition(other.id, { unique: false })
      const made = yield* Effect.all(Array.from({ length: 4 }, (_, i) => award(badge, `pm-${i}`)))
      const theirs = yield* award(otherBadge, "pm-x")
      for (const revoked of [made[1]!, made[3]!, theirs]) yield* awards.revoke(revoked.id, "test", hoursAfter(1))
      const from = made[0]!.serial
      expect(yield* lists.revokedSerials(org.id, from, from + 1_000_000)).toEqual([made[1]!.serial, made[3]!.serial])
      expect(yield* lists.revokedSerials(org.id, from, made[3]!.serial)).toEqual([made[1]!.serial])
      expect(yield* lists.revokedSerials(other.id, from, from + 1_000_000)).toEqual([theirs.serial])
    }))
}
