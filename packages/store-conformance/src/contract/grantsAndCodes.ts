import {
  ApiKey,
  type ApiKeyId,
  ApiKeyStore,
  AwardStore,
  ClaimCode,
  type ClaimCodeId,
  ClaimCodeStore,
  type GrantId,
  GrantStore,
  type NewGrant,
  type OrganisationId,
  Recipient,
  type Stores,
  Transactions
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { definition, hoursAfter, newAward, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A pending grant of a definition to an email address. */
export const pendingGrant = (
  organisationId: OrganisationId,
  definitionId: string,
  email: string,
  createdAt = t0
): NewGrant => ({
  id: uniqueId("grant") as GrantId,
  organisationId,
  definitionId: definitionId as never,
  email,
  name: "Kari",
  status: "pending",
  createdAt,
  updatedAt: createdAt
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

/** The grants, claim codes and API keys ports. */
export const grantsAndCodes = (it: It) => {
  it.effect("a second grant to the same person while one is pending returns the pending one", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const first = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com"))
      expect(first.created).toBe(true)
      const second = yield* store.create(pendingGrant(org.id, def.id, "KARI@example.com"))
      expect(second.created).toBe(false)
      expect(second.grant.id).toBe(first.grant.id)
      expect(Option.getOrThrow(yield* store.get(first.grant.id)).email).toBe("kari@example.com")
    }))

  it.effect("the database gives each grant a serial, distinct and rising, and reads a grant by it", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const made = yield* Effect.forEach(
        ["a", "b", "c"],
        (name) => store.create(pendingGrant(org.id, def.id, `${name}@example.com`))
      )
      const serials = made.map(({ grant }) => grant.serial)
      expect(serials.every(Number.isSafeInteger)).toBe(true)
      expect([...serials].sort((a, b) => a - b)).toEqual(serials)
      expect(new Set(serials).size).toBe(3)
      const again = yield* store.create(pendingGrant(org.id, def.id, "b@example.com"))
      expect(again.grant.serial).toBe(serials[1])
      expect(Option.getOrThrow(yield* store.getBySerial(serials[2]!)).id).toBe(made[2]!.grant.id)
      expect(Option.getOrThrow(yield* store.get(made[0]!.grant.id)).serial).toBe(serials[0])
      expect(Option.isNone(yield* store.getBySerial(Math.max(...serials) + 1000))).toBe(true)
    }))

  it.effect("once the open grant is revoked, a new offer to the person stores a new grant with a later serial", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const first = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com"))
      yield* store.transition(first.grant.id, { from: ["pending"], to: "revoked", now: hoursAfter(1) })
      const next = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com", hoursAfter(2)))
      expect(next.created).toBe(true)
      expect(next.grant.id).not.toBe(first.grant.id)
      expect(next.grant.serial).toBeGreaterThan(first.grant.serial)
      expect(Option.getOrThrow(yield* store.get(first.grant.id)).status).toBe("revoked")
    }))

  it.effect("a grant moves from pending once; the award it made is kept; it stays the person's one open grant", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const { grant } = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com"))
      const award = yield* (yield* AwardStore).insert(
        newAward(def, "kari@example.com", {
          recipient: new Recipient({ kind: "email", value: "kari@example.com" }),
          source: "grant",
          grantId: grant.id
        }),
        {}
      )
      const accepted = yield* store.transition(grant.id, { from: ["pending"], to: "accepted", now: hoursAfter(1) })
      expect(Option.getOrThrow(accepted).status).toBe("accepted")
      const again = yield* store.transition(grant.id, { from: ["pending"], to: "accepted", now: hoursAfter(2) })
      expect(Option.isNone(again)).toBe(true)
      const processed = Option.getOrThrow(
        yield* store.transition(grant.id, {
          from: ["accepted"],
          to: "processed",
          awardId: award.id,
          now: hoursAfter(1)
        })
      )
      expect(processed.status).toBe("processed")
      expect(processed.awardId).toBe(award.id)
      expect(processed.updatedAt).toEqual(hoursAfter(1))
      expect(award.grantId).toBe(grant.id)
      const revoke = yield* store.transition(grant.id, { from: ["pending", "external"], to: "revoked", now: t0 })
      expect(Option.isNone(revoke)).toBe(true)
      expect(Option.getOrThrow(yield* store.get(grant.id)).status).toBe("processed")
      // Once accepted, a new offer to the same person finds the accepted grant: the database keeps one open grant.
      const next = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com"))
      expect(next.created).toBe(false)
      expect(next.grant).toMatchObject({ id: grant.id, status: "processed" })
    }))

  it.effect("a revoked grant cannot be accepted; an unknown grant moves nowhere", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const { grant } = yield* store.create(pendingGrant(org.id, def.id, "ola@example.com"))
      const revoked = yield* store.transition(grant.id, { from: ["pending", "external"], to: "revoked", now: t0 })
      expect(Option.getOrThrow(revoked).status).toBe("revoked")
      const accept = yield* store.transition(grant.id, { from: ["pending"], to: "accepted", now: hoursAfter(2) })
      expect(Option.isNone(accept)).toBe(true)
      const missing = yield* store.transition("grant-missing" as never, { from: ["pending"], to: "accepted", now: t0 })
      expect(Option.isNone(missing)).toBe(true)
      expect(Option.isNone(yield* store.get("grant-missing" as never))).toBe(true)
    }))

  it.effect("lists a definition's grants oldest first, and a person's newest first", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const first = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com", t0))
      yield* store.transition(first.grant.id, { from: ["pending"], to: "revoked", now: hoursAfter(1) })
      const second = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com", hoursAfter(2)))
      const other = yield* store.create(pendingGrant(org.id, def.id, "ola@example.com", hoursAfter(1)))
      expect((yield* store.list(def.id)).map((g) => g.id)).toEqual([first.grant.id, other.grant.id, second.grant.id])
      const kari = yield* store.forRecipient(def.id, second.grant.recipientKey)
      expect(kari.map((g) => g.id)).toEqual([second.grant.id, first.grant.id])
    }))

  it.effect("takes a use of a claim code and counts its uses", () =>
    Effect.gen(function*() {
      const store = yield* ClaimCodeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const code = yield* store.create(claimCode(org.id, def.id, { limit: 2, label: "Conference" }))
      const taken = Option.getOrThrow(yield* store.takeUse(code.codeHash, t0))
      expect(taken.id).toBe(code.id)
      expect(taken.uses).toBe(1)
      const read = Option.getOrThrow(yield* store.get(code.id))
      expect(read.uses).toBe(1)
      expect(read.label).toBe("Conference")
      expect(Option.getOrThrow(yield* store.findByHash(code.codeHash)).id).toBe(code.id)
      expect((yield* store.list(def.id)).map((c) => c.id)).toEqual([code.id])
      const duplicate = yield* Effect.flip(store.create(claimCode(org.id, def.id, { codeHash: code.codeHash })))
      expect(duplicate._tag).toBe("Conflict")
    }))

  it.effect("takes no use of an unknown, exhausted, expired, disabled or archived code", () =>
    Effect.gen(function*() {
      const store = yield* ClaimCodeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const take = (hash: string, at = t0) => Effect.map(store.takeUse(hash, at), Option.isNone)
      expect(yield* take("no-such-hash")).toBe(true)
      expect(Option.isNone(yield* store.findByHash("no-such-hash"))).toBe(true)

      const once = yield* store.create(claimCode(org.id, def.id, { limit: 1 }))
      expect(yield* take(once.codeHash)).toBe(false)
      expect(yield* take(once.codeHash)).toBe(true)

      const expiring = yield* store.create(claimCode(org.id, def.id, { expiresAt: hoursAfter(1) }))
      expect(yield* take(expiring.codeHash, hoursAfter(1))).toBe(true)
      expect(yield* take(expiring.codeHash, t0)).toBe(false)

      const disabled = yield* store.create(claimCode(org.id, def.id))
      yield* store.save(new ClaimCode({ ...disabled, enabled: false }))
      expect(yield* take(disabled.codeHash)).toBe(true)

      const archived = yield* store.create(claimCode(org.id, def.id))
      yield* store.save(new ClaimCode({ ...archived, archivedAt: t0 }))
      expect(yield* take(archived.codeHash)).toBe(true)
      const read = Option.getOrThrow(yield* store.get(once.id))
      expect(read.uses).toBe(1)
    }))

  it.effect("a save writes a code's settings as given and never its uses", () =>
    Effect.gen(function*() {
      const store = yield* ClaimCodeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const code = yield* store.create(claimCode(org.id, def.id, { limit: 5, label: "Fair", expiresAt: hoursAfter(9) }))
      yield* store.takeUse(code.codeHash, t0)
      const { expiresAt: _, ...rest } = code
      const saved = yield* store.save(new ClaimCode({ ...rest, label: "Spring fair", limit: 10 }))
      expect(saved.uses).toBe(1)
      expect(saved.label).toBe("Spring fair")
      expect(saved.limit).toBe(10)
      expect(saved.expiresAt).toBeUndefined()
      const read = Option.getOrThrow(yield* (yield* Transactions).run(store.get(code.id, { forUpdate: true })))
      expect(read).toEqual(saved)
      const missing = yield* Effect.flip(store.save(new ClaimCode({ ...code, id: "code-missing" as never })))
      expect(missing._tag).toBe("NotFound")
    }))

  it.effect("a use taken in a transaction that fails is given back", () =>
    Effect.gen(function*() {
      const store = yield* ClaimCodeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const code = yield* store.create(claimCode(org.id, def.id, { limit: 5 }))
      yield* store.takeUse(code.codeHash, t0)
      const refused = yield* Effect.flip((yield* Transactions).run(
        Effect.zipRight(store.takeUse(code.codeHash, t0), Effect.fail("award refused" as const))
      ))
      expect(refused).toBe("award refused")
      expect(Option.getOrThrow(yield* store.get(code.id)).uses).toBe(1)
    }))

  it.effect("stores API keys by hash only, finds them by hash, and forgets revoked ones", () =>
    Effect.gen(function*() {
      const store = yield* ApiKeyStore
      const org = yield* organisation()
      const hash = uniqueId("sha256")
      const key = yield* store.create(
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
      expect(Option.getOrThrow(yield* store.findByHash(hash)).role).toBe("coordinator")
      expect((yield* store.list()).map((k) => k.id)).toContain(key.id)
      const revoked = yield* store.revoke(key.id, hoursAfter(1))
      expect(revoked.revokedAt).toEqual(hoursAfter(1))
      expect(Option.isNone(yield* store.findByHash(hash))).toBe(true)
      const again = yield* store.revoke(key.id, hoursAfter(2))
      expect(again.revokedAt).toEqual(hoursAfter(1))
      expect((yield* Effect.flip(store.revoke("key-missing" as never, t0)))._tag).toBe("NotFound")
    }))
}
