import type { Engine, Stores } from "@badge-engine/core"
import { ClaimCodes, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Either, Redacted } from "effect"
import { define, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const claimCodes = (it: It) => {
  it.effect("a code is shown once, stored by hash, and redeemed into an award that counts its use", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Conference" })
      const codes = yield* ClaimCodes.ClaimCodes
      const { code, record } = yield* codes.create({ definitionId: def.id, label: "Oslo 2026", limit: 10 })
      expect(Redacted.value(code).length).toBeGreaterThanOrEqual(43)
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
}
