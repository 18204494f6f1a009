import { AwardStore, BadgeDefinition, DefinitionStore, Recipient, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Option } from "effect"
import { award, definition, hoursAfter, newAward, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** The awards port: inserts under the definition's rules, revocation, expiry and listings. */
export const awards = (it: It) => {
  it.effect("stores an award with its evidence and reads it back", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const made = yield* award(def, "pm-1", {
        evidence: [{ url: "https://example.com/proof", narrative: "Ran the session" }],
        narrative: "Well done",
        awardedBy: "admin-1",
        expiresAt: hoursAfter(48)
      })
      expect(made.serial).toBeGreaterThan(0)
      const read = Option.getOrThrow(yield* store.get(made.id))
      expect(read.recipient).toEqual(Recipient.byId("pm-1"))
      expect(read.evidence).toEqual([{ url: "https://example.com/proof", narrative: "Ran the session" }])
      expect(read.narrative).toBe("Well done")
      expect(read.awardedBy).toBe("admin-1")
      expect(read.expiresAt).toEqual(hoursAfter(48))
      expect(read).toEqual(made)
    }))

  it.effect("a unique definition holds one live award per recipient", () =>
    Effect.gen(function*() {
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const first = yield* award(def, "pm-1")
      const second = yield* Effect.flip(award(def, "pm-1"))
      expect(second).toMatchObject({ _tag: "Conflict", existingId: first.id })
      yield* award(def, "pm-2")
    }))

  it.effect("a non-unique definition can be awarded again", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      yield* award(def, "pm-1")
      yield* award(def, "pm-1")
      const listed = yield* store.list({ definitionId: def.id }, { page: 1, limit: 10 }, t0)
      expect(listed.total).toBe(2)
    }))

  it.effect("an award with a once key is made once", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      yield* store.insert(newAward(def, "pm-1"), { onceKey: `rule:${def.id}:pm-1` })
      const again = yield* Effect.flip(store.insert(newAward(def, "pm-1"), { onceKey: `rule:${def.id}:pm-1` }))
      expect(again._tag).toBe("Conflict")
    }))

  it.effect("maxAwards caps unrevoked awards; revoking frees a place", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 2 })
      const first = yield* award(def, "pm-1")
      yield* award(def, "pm-2")
      const third = yield* Effect.flip(award(def, "pm-3"))
      expect(third).toMatchObject({ _tag: "AwardLimitReached", maxAwards: 2 })
      yield* store.revoke(first.id, "mistake", hoursAfter(1))
      yield* award(def, "pm-3")
    }))

  it.effect("an expired award gives its maxAwards place back once its expiry is reported", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 1 })
      const first = yield* award(def, "pm-1", { expiresAt: hoursAfter(1) })
      const full = yield* Effect.flip(award(def, "pm-2", { awardedAt: hoursAfter(2) }))
      expect(full._tag).toBe("AwardLimitReached")
      yield* store.expire(hoursAfter(2))
      yield* award(def, "pm-2", { awardedAt: hoursAfter(2) })
      // Revoking the expired award later does not give its place back a second time.
      yield* store.revoke(first.id, "cleanup", hoursAfter(3))
      const stillFull = yield* Effect.flip(award(def, "pm-3", { awardedAt: hoursAfter(3) }))
      expect(stillFull._tag).toBe("AwardLimitReached")
    }))

  it.effect("refuses awards of archived or deleted definitions, and of unknown ones", () =>
    Effect.gen(function*() {
      const org = yield* organisation()
      const archived = yield* definition(org.id, { active: false })
      expect((yield* Effect.flip(award(archived, "pm-1")))._tag).toBe("DefinitionInactive")
      const deleted = yield* definition(org.id, { name: "Deleted" })
      yield* (yield* DefinitionStore).save(new BadgeDefinition({ ...deleted, deletedAt: t0 }))
      expect((yield* Effect.flip(award(deleted, "pm-1")))._tag).toBe("DefinitionInactive")
      const unknown = new BadgeDefinition({ ...deleted, id: "bdg-missing" as never })
      expect((yield* Effect.flip(award(unknown, "pm-1")))._tag).toBe("NotFound")
    }))

  it.effect("revokes with a reason, keeps the record, and refuses a second revoke", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const made = yield* award(def, "pm-1")
      const revoked = yield* store.revoke(made.id, "awarded by mistake", hoursAfter(1))
      expect(revoked.revokedAt).toEqual(hoursAfter(1))
      expect(revoked.revocationReason).toBe("awarded by mistake")
      expect(revoked.isLiveAt(hoursAfter(2))).toBe(false)
      const twice = yield* Effect.flip(store.revoke(made.id, "again", hoursAfter(2)))
      expect(twice._tag).toBe("Conflict")
      const missing = yield* Effect.flip(store.revoke("award-missing" as never, "x", hoursAfter(2)))
      expect(missing._tag).toBe("NotFound")
      expect(Option.isNone(yield* store.findLive(def.id, Recipient.byId("pm-1"), hoursAfter(2)))).toBe(true)
      // The revoked award no longer holds the unique place.
      yield* award(def, "pm-1", { awardedAt: hoursAfter(3) })
    }))

  it.effect("an expired award is not live, and a unique badge can be earned again after it", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      yield* award(def, "pm-1", { expiresAt: hoursAfter(24) })
      expect(Option.isSome(yield* store.findLive(def.id, Recipient.byId("pm-1"), hoursAfter(23)))).toBe(true)
      expect(Option.isNone(yield* store.findLive(def.id, Recipient.byId("pm-1"), hoursAfter(24)))).toBe(true)
      const early = yield* Effect.flip(award(def, "pm-1", { awardedAt: hoursAfter(12) }))
      expect(early._tag).toBe("Conflict")
      yield* award(def, "pm-1", { awardedAt: hoursAfter(25) })
    }))

  it.effect("reports each expired award once", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const soon = yield* award(def, "pm-1", { expiresAt: hoursAfter(1) })
      yield* award(def, "pm-2", { expiresAt: hoursAfter(100) })
      const first = yield* store.expire(hoursAfter(2))
      expect(first.map((a) => a.id)).toContain(soon.id)
      expect(first.every((a) => a.organisationId !== org.id || a.id === soon.id)).toBe(true)
      const second = yield* store.expire(hoursAfter(3))
      expect(second.map((a) => a.id)).not.toContain(soon.id)
    }))

  it.effect("live totals stay exact once expired awards are reported and some revoked after", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const definitions = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const early = yield* award(def, "pm-1", { expiresAt: hoursAfter(1) })
      yield* award(def, "pm-2", { expiresAt: hoursAfter(1) })
      yield* award(def, "pm-3", { expiresAt: hoursAfter(100) })
      yield* award(def, "pm-4")
      const totals = (now: typeof t0) =>
        Effect.all([
          Effect.map(store.list({ organisationId: org.id }, { page: 1, limit: 10 }, now), (page) => page.total),
          Effect.map(definitions.earnedCounts([def.id], now), (counts) => counts.get(def.id))
        ])
      expect(yield* totals(hoursAfter(2))).toEqual([2, 2])
      yield* store.expire(hoursAfter(2))
      expect(yield* totals(hoursAfter(2))).toEqual([2, 2])
      yield* store.revoke(early.id, "cleanup", hoursAfter(3))
      expect(yield* totals(hoursAfter(3))).toEqual([2, 2])
      expect(yield* totals(hoursAfter(200))).toEqual([1, 1])
    }))

  it.effect("lists awards by recipient, definition and organisation with pagination", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const a = yield* definition(org.id, { name: "A" })
      const b = yield* definition(org.id, { name: "B" })
      for (const recipient of ["pm-1", "pm-2", "pm-3"]) yield* award(a, recipient)
      yield* award(b, "pm-1")
      const revoked = yield* award(b, "pm-2")
      yield* store.revoke(revoked.id, "mistake", hoursAfter(1))
      const now = hoursAfter(2)

      const byRecipient = yield* store.list({ organisationId: org.id, recipient: Recipient.byId("pm-1") }, {
        page: 1,
        limit: 10
      }, now)
      expect(byRecipient.items.map((x) => x.definitionId)).toEqual([a.id, b.id])
      const byDefinition = yield* store.list({ definitionId: a.id }, { page: 2, limit: 2 }, now)
      expect(byDefinition.total).toBe(3)
      expect(byDefinition.items.map((x) => x.recipient.value)).toEqual(["pm-3"])
      const byOrganisation = yield* store.list({ organisationId: org.id }, { page: 1, limit: 10 }, now)
      expect(byOrganisation.total).toBe(4)
      const withRevoked = yield* store.list({ organisationId: org.id, includeInactive: true }, {
        page: 1,
        limit: 10
      }, now)
      expect(withRevoked.total).toBe(5)
    }))

  it.effect("an organisation's total counts its live awards only: not revoked, not expired, whatever way made", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const other = yield* organisation()
      const a = yield* definition(org.id, { name: "A", unique: false })
      const b = yield* definition(org.id, { name: "B", unique: false })
      yield* definition(org.id, { name: "None yet", unique: false })
      yield* award(yield* definition(other.id, { name: "Elsewhere", unique: false }), "pm-1")
      yield* award(a, "pm-1")
      yield* award(a, "pm-2", { expiresAt: hoursAfter(1) })
      yield* award(a, "pm-3", { expiresAt: hoursAfter(100) })
      const revoked = yield* award(b, "pm-1", { expiresAt: hoursAfter(1) })
      yield* store.revoke(revoked.id, "mistake", hoursAfter(0.5))
      yield* store.insertMany(["pm-4", "pm-5"].map((id) => ({ award: newAward(b, id) })))
      const totalAt = (hours: number) =>
        Effect.map(store.list({ organisationId: org.id }, { page: 1, limit: 1 }, hoursAfter(hours)), (p) => p.total)
      const countedAt = (hours: number) =>
        Effect.map(
          store.list({ organisationId: org.id, includeInactive: true }, { page: 1, limit: 100 }, hoursAfter(hours)),
          (p) =>
            p.items.filter((x) =>
              x.revokedAt === undefined
              && (x.expiresAt === undefined || DateTime.greaterThan(x.expiresAt, hoursAfter(hours)))
            ).length
        )
      expect(yield* totalAt(0.25)).toBe(5)
      expect(yield* totalAt(2)).toBe(4)
      expect(yield* totalAt(200)).toBe(3)
      for (const hours of [0.25, 2, 200]) expect(yield* totalAt(hours)).toBe(yield* countedAt(hours))
      expect(
        (yield* store.list({ organisationId: org.id, newestFirst: true }, { page: 1, limit: 2 }, hoursAfter(2))).total
      )
        .toBe(4)
    }))

  it.effect("inserts many awards at once, leaving out those already made and keeping the count exact", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true, maxAwards: 4 })
      yield* award(def, "pm-1")
      const made = yield* store.insertMany(
        ["pm-1", "pm-2", "pm-3"].map((id) => ({ award: newAward(def, id), onceKey: `rule:${def.id}:${id}` }))
      )
      expect(made.map((a) => a.recipient.value).sort()).toEqual(["pm-2", "pm-3"])
      for (const one of made) expect(Option.getOrThrow(yield* store.get(one.id))).toEqual(one)
      expect((yield* (yield* DefinitionStore).earnedCounts([def.id], t0)).get(def.id)).toBe(3)
      // The place the skipped award took was given back: one more fits, then the cap holds.
      yield* award(def, "pm-4")
      expect((yield* Effect.flip(award(def, "pm-5")))._tag).toBe("AwardLimitReached")
    }))

  it.effect("makes none of a definition's awards in bulk when not all fit under maxAwards", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 2 })
      const made = yield* store.insertMany(["pm-1", "pm-2", "pm-3"].map((id) => ({ award: newAward(def, id) })))
      expect(made).toEqual([])
      yield* award(def, "pm-1")
      yield* award(def, "pm-2")
      expect((yield* Effect.flip(award(def, "pm-3")))._tag).toBe("AwardLimitReached")
    }))

  it.effect("tells the once-only keys of recipients' awards, revoked ones too, and the places left under caps", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const capped = yield* definition(org.id, { name: "Capped", unique: false, maxAwards: 3 })
      const open = yield* definition(org.id, { name: "Open", unique: false })
      const kept = yield* store.insert(newAward(capped, "pm-1"), { onceKey: "once:pm-1" })
      const revoked = yield* store.insert(newAward(open, "pm-2"), { onceKey: "once:pm-2" })
      yield* store.revoke(revoked.id, "mistake", t0)
      yield* store.insert(newAward(open, "pm-3"), { onceKey: "once:pm-3" })
      yield* award(capped, "pm-2")
      const keys = yield* store.onceKeysOf(org.id, [kept.recipient, revoked.recipient, Recipient.byId("pm-9")])
      expect(Array.from(keys).sort()).toEqual(["once:pm-1", "once:pm-2"])
      expect(yield* store.onceKeysOf(org.id, [])).toEqual(new Set())
      expect(yield* store.placesLeft([capped.id, open.id])).toEqual(new Map([[capped.id, 1]]))
    }))

  it.effect("tells which definitions a recipient holds live awards of", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const a = yield* definition(org.id, { name: "A" })
      const b = yield* definition(org.id, { name: "B" })
      const c = yield* definition(org.id, { name: "C" })
      yield* award(a, "pm-1")
      const revoked = yield* award(b, "pm-1")
      yield* store.revoke(revoked.id, "mistake", t0)
      yield* award(c, "pm-1", { expiresAt: hoursAfter(1) })
      yield* award(b, "pm-2")
      const held = yield* store.held(org.id, Recipient.byId("pm-1"), hoursAfter(2))
      expect(Array.from(held)).toEqual([a.id])
    }))

  it.effect("tells what several recipients hold in one read, as it tells each of them", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const a = yield* definition(org.id, { name: "A" })
      const b = yield* definition(org.id, { name: "B" })
      yield* award(a, "pm-1")
      yield* award(b, "pm-1")
      const revoked = yield* award(a, "pm-2")
      yield* store.revoke(revoked.id, "mistake", t0)
      yield* award(b, "pm-2", { expiresAt: hoursAfter(1) })
      yield* award(b, "pm-3")
      const recipients = ["pm-1", "pm-2", "pm-3", "pm-4"].map(Recipient.byId)
      const held = yield* store.heldOf(org.id, recipients, hoursAfter(2))
      expect(held.get(Recipient.byId("pm-1").key)).toEqual(new Set([a.id, b.id]))
      expect(held.has(Recipient.byId("pm-2").key)).toBe(false)
      expect(held.get(Recipient.byId("pm-3").key)).toEqual(new Set([b.id]))
      for (const recipient of recipients) {
        const one = yield* store.held(org.id, recipient, hoursAfter(2))
        expect(held.get(recipient.key) ?? new Set()).toEqual(one)
      }
      expect((yield* store.heldOf(org.id, [], hoursAfter(2))).size).toBe(0)
    }))

  it.effect("finds the awards an activity caused", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const activityId = uniqueId("act")
      const made = yield* award(def, "pm-1", { activityId: activityId as never, source: "rule", ruleVersion: 1 })
      const found = yield* store.byActivity(activityId)
      expect(found.map((x) => x.id)).toEqual([made.id])
      expect(found[0]!.ruleVersion).toBe(1)
    }))
}
