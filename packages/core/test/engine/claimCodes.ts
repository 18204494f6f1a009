import type { ClaimCodeId, Engine, OrganisationId, Role, Stores } from "@badge-engine/core"
import {
  Actor,
  AwardStore,
  ClaimCode,
  ClaimCodeKeys,
  ClaimCodes,
  ClaimCodeStore,
  Recipient,
  Secrets,
  ServerSecrets
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Either, Redacted } from "effect"
import { define, setNow, setup, uniqueId } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const claimCodes = (it: It) => {
  it.effect("a code is shown once, stored by hash, and redeemed into an award that counts its use", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Conference" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, label: "Oslo 2026", limit: 10 })
      expect(Redacted.value(code)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/)
      expect(record.codeHash).not.toContain(Redacted.value(code))
      const award = yield* codes.redeem(code, Recipient.byId("pm-1"))
      expect(award).toMatchObject({ source: "claim", claimCodeId: record.id, definitionId: def.id })
      const read = yield* codes.get(record.id)
      expect(read).toMatchObject({ uses: 1, label: "Oslo 2026" })
      expect((yield* codes.list(def.id)).map((c) => c.id)).toEqual([record.id])
    }))

  it.effect("refuses unknown, exhausted, expired, disabled and archived codes with the reason", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Event", unique: false })
      const codes = yield* ClaimCodes.ClaimCodes
      const redeem = (code: Redacted.Redacted<string>) => Effect.flip(codes.redeem(code, Recipient.byId("pm-1")))
      expect(yield* redeem(Redacted.make("no-such-code"))).toMatchObject({
        _tag: "ClaimCodeUnavailable",
        reason: "unknown"
      })
      const once = yield* codes.create({ definitionId: def.id, limit: 1 })
      yield* codes.redeem(once.code, Recipient.byId("pm-1"))
      expect(yield* redeem(once.code)).toMatchObject({ reason: "exhausted" })
      const expiring = yield* codes.create({
        definitionId: def.id,
        expiresAt: DateTime.unsafeMake("2026-03-10T13:00:00Z")
      })
      const disabled = yield* codes.create({ definitionId: def.id })
      yield* codes.disable(disabled.record.id)
      const archived = yield* codes.create({ definitionId: def.id })
      yield* codes.archive(archived.record.id)
      expect(yield* redeem(disabled.code)).toMatchObject({ reason: "disabled" })
      expect(yield* redeem(archived.code)).toMatchObject({ reason: "archived" })
      yield* setNow("2026-03-10T13:00:00Z")
      expect(yield* redeem(expiring.code)).toMatchObject({ reason: "expired" })
      yield* codes.enable(disabled.record.id)
      expect((yield* codes.redeem(disabled.code, Recipient.byId("pm-2"))).source).toBe("claim")
    }))

  it.effect("an update changes only the fields given; null clears the limit and the expiry", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Open day" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { record } = yield* codes.create({
        definitionId: def.id,
        label: "Day one",
        limit: 5,
        expiresAt: DateTime.unsafeMake("2026-04-01T00:00:00Z")
      })
      const relabelled = yield* codes.update(record.id, { label: "Day two" })
      expect(relabelled).toMatchObject({ label: "Day two", limit: 5 })
      const open = yield* codes.update(record.id, { limit: null, expiresAt: null })
      expect(open.limit).toBeUndefined()
      expect(open.expiresAt).toBeUndefined()
      expect(open.label).toBe("Day two")
      expect(yield* Effect.flip(codes.update(record.id, { limit: 0 }))).toMatchObject({
        _tag: "InvalidInput",
        field: "limit"
      })
    }))

  it.effect("a redeem whose award is refused gives its use back", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Once each" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id })
      yield* codes.redeem(code, Recipient.byId("pm-1"))
      const twice = yield* Effect.flip(codes.redeem(code, Recipient.byId("pm-1")))
      expect(twice._tag).toBe("Conflict")
      expect((yield* codes.get(record.id)).uses).toBe(1)
    }))

  it.effect("fifty redemptions of a code with a limit of five make exactly five awards", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Limited" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, limit: 5 })
      const results = yield* Effect.all(
        Array.from({ length: 50 }, (_, i) => Effect.either(codes.redeem(code, Recipient.byId(`pm-${i}`)))),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight)).toHaveLength(5)
      expect((yield* codes.get(record.id)).uses).toBe(5)
    }))

  it.effect("a code is derived from its id: admins have it shown again, and it redeems however it is typed", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Typed", unique: false })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id })
      const other = yield* codes.create({ definitionId: def.id })
      expect(Redacted.value(other.code)).not.toBe(Redacted.value(code))
      expect(Redacted.value(yield* codes.codeOf(record.id))).toBe(Redacted.value(code))
      // 28 characters of 5 bits: 140 bits, and only the hash is stored.
      expect(Redacted.value(code).replace(/-/g, "")).toHaveLength(28)
      expect(record.codeHash).toBe(yield* Secrets.hash(Redacted.value(code).replace(/-/g, "")))
      const typed = Redacted.value(code).toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l")
      expect((yield* codes.redeem(Redacted.make(typed), Recipient.byId("pm-1"))).claimCodeId).toBe(record.id)
      expect((yield* codes.get(record.id)).uses).toBe(1)
      // A rotation makes new codes under the new secret; older ones are still shown and redeemed.
      yield* Effect.flatMap(ServerSecrets.ServerSecrets, (secrets) => secrets.rotate(ClaimCodeKeys.purpose))
      expect(Redacted.value(yield* codes.codeOf(record.id))).toBe(Redacted.value(code))
      expect((yield* codes.redeem(code, Recipient.byId("pm-2"))).claimCodeId).toBe(record.id)
    }))

  it.effect("only the code's organisation's admins and the system have a code shown again", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const other = yield* setup()
      const def = yield* define(org.id, { name: "Guarded" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id })
      const as = (role: Role, organisationId?: OrganisationId) =>
        Actor.actingAs(new Actor.Principal({ role, organisationId, name: role }))
      expect(Redacted.value(yield* codes.codeOf(record.id).pipe(as("admin", org.id)))).toBe(Redacted.value(code))
      expect(Redacted.value(yield* codes.codeOf(record.id).pipe(as("system")))).toBe(Redacted.value(code))
      expect(yield* Effect.flip(codes.codeOf(record.id).pipe(as("admin", other.id)))).toMatchObject({
        _tag: "NotFound"
      })
      expect(yield* Effect.flip(codes.codeOf(record.id).pipe(as("peer_mentor", org.id)))).toMatchObject({
        _tag: "Forbidden"
      })
    }))

  it.effect("a code made before codes were derived still redeems, but cannot be shown again", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Legacy" })
      const secret = yield* Secrets.make("")
      const id = uniqueId("code") as ClaimCodeId
      const store = yield* ClaimCodeStore
      yield* store.create(
        new ClaimCode({
          id,
          organisationId: org.id,
          definitionId: def.id,
          codeHash: yield* Secrets.hash(secret),
          uses: 0,
          enabled: true,
          createdAt: yield* DateTime.now
        })
      )
      const codes = yield* ClaimCodes.ClaimCodes
      expect((yield* codes.redeem(Redacted.make(secret), Recipient.byId("pm-1"))).claimCodeId).toBe(id)
      expect((yield* codes.open(Redacted.make(secret))).code.id).toBe(id)
      expect(yield* Effect.flip(codes.codeOf(id))).toMatchObject({ _tag: "Conflict", entity: "claim code" })
    }))

  it.effect("open reads a code and its badge by the code alone; an unknown code is NotFound", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Opened" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, limit: 1 })
      const opened = yield* codes.open(code)
      expect(opened.code.id).toBe(record.id)
      expect(opened.definition.name).toBe("Opened")
      expect(ClaimCodes.unavailability(opened.code, yield* DateTime.now)).toBeUndefined()
      yield* codes.redeem(code, Recipient.byId("pm-1"))
      expect(ClaimCodes.unavailability((yield* codes.open(code)).code, yield* DateTime.now)).toBe("exhausted")
      expect(yield* Effect.flip(codes.open(Redacted.make("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG")))).toMatchObject({
        _tag: "NotFound"
      })
      expect(yield* Effect.flip(codes.open(Redacted.make("")))).toMatchObject({ _tag: "NotFound" })
    }))

  it.effect("the same person redeeming twice gets one award, the second taking no use, even when not unique", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Many times", unique: false })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, limit: 5 })
      const person = new Recipient({ kind: "email", value: "kari@example.org", name: "Kari" })
      yield* codes.redeem(code, person)
      const again = new Recipient({ kind: "email", value: "KARI@example.org", name: "Kari N" })
      expect(yield* Effect.flip(codes.redeem(code, again))).toMatchObject({ _tag: "Conflict", entity: "award" })
      expect((yield* codes.get(record.id)).uses).toBe(1)
      // Another code of the same badge is another claim.
      const second = yield* codes.create({ definitionId: def.id })
      expect((yield* codes.redeem(second.code, person)).claimCodeId).toBe(second.record.id)
    }))

  it.effect("twenty simultaneous redemptions by the same person make one award and take one use", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Rushed", unique: false })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, limit: 10 })
      const person = new Recipient({ kind: "email", value: "ola@example.org" })
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.either(codes.redeem(code, person))),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight)).toHaveLength(1)
      expect(results.filter(Either.isLeft).map((r) => r.left._tag)).toEqual(Array(19).fill("Conflict"))
      expect((yield* codes.get(record.id)).uses).toBe(1)
    }))

  it.effect("two hundred simultaneous redemptions of a ten-use code make exactly ten awards", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Crowded", unique: false })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, limit: 10 })
      const results = yield* Effect.all(
        Array.from({ length: 200 }, (_, i) => Effect.either(codes.redeem(code, Recipient.byId(`crowd-${i}`)))),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight)).toHaveLength(10)
      expect(results.filter(Either.isLeft).every((r) => r.left._tag === "ClaimCodeUnavailable")).toBe(true)
      expect((yield* codes.get(record.id)).uses).toBe(10)
      const awards = yield* AwardStore
      const made = yield* awards.list({ definitionId: def.id }, { page: 1, limit: 100 }, yield* DateTime.now)
      expect(made.items).toHaveLength(10)
      expect(made.items.every((award) => award.claimCodeId === record.id)).toBe(true)
    }))
}
