import {
  ApiKey,
  type ApiKeyId,
  BadgeStore,
  ClaimCode,
  type ClaimCodeId,
  Grant,
  type GrantId,
  type OrganisationId,
  Recipient
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { definition, hoursAfter, newAward, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<BadgeStore>

/** A pending grant of a definition to an email address. */
export const pendingGrant = (organisationId: OrganisationId, definitionId: string, email: string) =>
  new Grant({
    id: uniqueId("grant") as GrantId,
    organisationId,
    definitionId: definitionId as never,
    email,
    name: "Kari",
    status: "pending",
    acceptKey: Redacted.make(uniqueId("key")),
    createdAt: t0,
    updatedAt: t0
  })

/** A claim code with a hash unique to the test. */
export const claimCode = (
  organisationId: OrganisationId,
  definitionId: string,
  fields: Partial<ConstructorParameters<typeof ClaimCode>[0]> = {}
) =>
  new ClaimCode({
    id: uniqueId("code") as ClaimCodeId,
    organisationId,
    definitionId: definitionId as never,
    codeHash: uniqueId("hash"),
    uses: 0,
    enabled: true,
    createdAt: t0,
    ...fields
  })

export const grantsAndCodes = (it: It) => {
  it.effect("a second grant to the same person while one is pending returns the pending one", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const first = yield* store.createGrant(pendingGrant(org.id, def.id, "kari@example.com"))
      expect(first.created).toBe(true)
      const second = yield* store.createGrant(pendingGrant(org.id, def.id, "KARI@example.com"))
      expect(second.created).toBe(false)
      expect(second.grant.id).toBe(first.grant.id)
      expect(Redacted.value(second.grant.acceptKey)).toBe(Redacted.value(first.grant.acceptKey))
    }))

  it.effect("accepting a grant makes its award once; a second accept is a conflict", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const { grant } = yield* store.createGrant(pendingGrant(org.id, def.id, "kari@example.com"))
      const award = newAward(def, "kari@example.com", {
        recipient: new Recipient({ kind: "email", value: "kari@example.com" }),
        source: "grant",
        grantId: grant.id
      })
      const accepted = yield* store.acceptGrant(grant.id, award, {}, hoursAfter(1))
      expect(accepted.grant.status).toBe("processed")
      expect(accepted.grant.awardId).toBe(accepted.award.id)
      expect(accepted.award.grantId).toBe(grant.id)
      const again = yield* Effect.flip(store.acceptGrant(grant.id, newAward(def, "x"), {}, hoursAfter(2)))
      expect(again._tag).toBe("Conflict")
      const revoke = yield* Effect.flip(store.revokeGrant(grant.id, hoursAfter(2)))
      expect(revoke._tag).toBe("Conflict")
      // Once accepted, a new offer to the same person is a new grant.
      const next = yield* store.createGrant(pendingGrant(org.id, def.id, "kari@example.com"))
      expect(next.created).toBe(true)
    }))

  it.effect("a revoked grant cannot be accepted", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const { grant } = yield* store.createGrant(pendingGrant(org.id, def.id, "ola@example.com"))
      const revoked = yield* store.revokeGrant(grant.id, hoursAfter(1))
      expect(revoked.status).toBe("revoked")
      const accept = yield* Effect.flip(store.acceptGrant(grant.id, newAward(def, "ola"), {}, hoursAfter(2)))
      expect(accept._tag).toBe("Conflict")
      const missing = yield* Effect.flip(store.acceptGrant("grant-missing" as never, newAward(def, "ola"), {}, t0))
      expect(missing._tag).toBe("NotFound")
    }))

  it.effect("redeems a claim code into an award and counts its uses", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const code = yield* store.createClaimCode(claimCode(org.id, def.id, { limit: 2, label: "Conference" }))
      const made = yield* store.redeemClaimCode(
        code.codeHash,
        (c) => newAward(def, "pm-1", { source: "claim", claimCodeId: c.id }),
        {},
        t0
      )
      expect(made.claimCodeId).toBe(code.id)
      const read = Option.getOrThrow(yield* store.getClaimCode(code.id))
      expect(read.uses).toBe(1)
      expect(read.label).toBe("Conference")
      expect((yield* store.listClaimCodes(def.id)).map((c) => c.id)).toEqual([code.id])
    }))

  it.effect("refuses unknown, exhausted, expired, disabled and archived codes with the reason", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const redeem = (hash: string, at = t0) =>
        Effect.flip(store.redeemClaimCode(hash, () => newAward(def, "pm-1"), {}, at))
      expect(yield* redeem("no-such-hash")).toMatchObject({ _tag: "ClaimCodeUnavailable", reason: "unknown" })

      const once = yield* store.createClaimCode(claimCode(org.id, def.id, { limit: 1 }))
      yield* store.redeemClaimCode(once.codeHash, () => newAward(def, "pm-1"), {}, t0)
      expect(yield* redeem(once.codeHash)).toMatchObject({ reason: "exhausted" })

      const expiring = yield* store.createClaimCode(claimCode(org.id, def.id, { expiresAt: hoursAfter(1) }))
      expect(yield* redeem(expiring.codeHash, hoursAfter(1))).toMatchObject({ reason: "expired" })

      const disabled = yield* store.createClaimCode(claimCode(org.id, def.id))
      yield* store.updateClaimCode(disabled.id, { enabled: false })
      expect(yield* redeem(disabled.codeHash)).toMatchObject({ reason: "disabled" })

      const archived = yield* store.createClaimCode(claimCode(org.id, def.id))
      yield* store.archiveClaimCode(archived.id, t0)
      expect(yield* redeem(archived.codeHash)).toMatchObject({ reason: "archived" })
      const read = Option.getOrThrow(yield* store.getClaimCode(once.id))
      expect(read.uses).toBe(1)
    }))

  it.effect("a claim code whose award is refused does not use up the code", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const code = yield* store.createClaimCode(claimCode(org.id, def.id, { limit: 5 }))
      yield* store.redeemClaimCode(code.codeHash, () => newAward(def, "pm-1"), {}, t0)
      const twice = yield* Effect.flip(store.redeemClaimCode(code.codeHash, () => newAward(def, "pm-1"), {}, t0))
      expect(twice._tag).toBe("Conflict")
      expect(Option.getOrThrow(yield* store.getClaimCode(code.id)).uses).toBe(1)
    }))

  it.effect("stores API keys by hash only, finds them by hash, and forgets revoked ones", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const hash = uniqueId("sha256")
      const key = yield* store.createApiKey(
        new ApiKey({
          id: uniqueId("key") as ApiKeyId,
          name: "coordinator app",
          role: "coordinator",
          organisationId: org.id,
          keyHash: hash,
          prefix: "be_abc",
          createdAt: t0
        })
      )
      expect(Option.getOrThrow(yield* store.findApiKey(hash)).role).toBe("coordinator")
      expect((yield* store.listApiKeys()).map((k) => k.id)).toContain(key.id)
      yield* store.revokeApiKey(key.id, hoursAfter(1))
      expect(Option.isNone(yield* store.findApiKey(hash))).toBe(true)
    }))
}
