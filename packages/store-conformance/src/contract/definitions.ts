import {
  AwardStore,
  BadgeDefinition,
  DefinitionStore,
  type Stores,
  TenancyStore,
  Transactions
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { award, definition, hoursAfter, newIssuer, organisation, t0 } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A definition with some fields changed, as a service hands it to `save`. */
const revised = (current: BadgeDefinition, fields: Partial<ConstructorParameters<typeof BadgeDefinition>[0]>) =>
  new BadgeDefinition({ ...current, ...fields })

/** The definitions port: create, read, list, save as given, and live award counts. */
export const definitions = (it: It) => {
  it.effect("creates a definition with every unified field and reads it back", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const created = yield* definition(org.id, {
        name: "Streak Champion",
        description: "Thirty days in a row",
        imageUrl: "https://assets.example.com/badges/streak.svg",
        lockedImageUrl: "https://assets.example.com/badges/streak-locked.svg",
        rule: { type: "streak_days", threshold: 30 },
        criteria: [{ description: "Mentor every day", required: true, note: "checked daily" }],
        category: "engagement",
        categories: ["engagement"],
        tags: ["streak", "daily"],
        strapline: "Every day counts",
        timeValue: 30,
        timeUnits: "days",
        maxAwards: 100,
        unique: true,
        isCertificate: false,
        validityDays: 365
      })
      expect(created.slug).toBe("streak-champion")
      expect(created.ruleVersion).toBe(1)
      expect(created.serial).toBeGreaterThan(0)
      expect(created.active).toBe(true)
      const read = Option.getOrThrow(yield* store.get(created.id))
      expect(read.name).toBe("Streak Champion")
      expect(read.rule).toEqual({ type: "streak_days", threshold: 30 })
      expect(read.criteria).toEqual([{ description: "Mentor every day", required: true, note: "checked daily" }])
      expect(read.tags).toEqual(["streak", "daily"])
      expect(read.timeUnits).toBe("days")
      expect(read.maxAwards).toBe(100)
      expect(read.validityDays).toBe(365)
      expect(read.createdAt).toEqual(t0)
      const bySlug = yield* store.getBySlug(org.id, "streak-champion")
      expect(Option.getOrThrow(bySlug).id).toBe(created.id)
    }))

  it.effect("reads a definition by its serial, a deleted one too, and nothing for a serial never assigned", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const first = yield* definition(org.id, { slug: "first-by-serial" })
      const second = yield* definition(org.id, { slug: "second-by-serial" })
      expect(second.serial).toBeGreaterThan(first.serial)
      expect(Option.getOrThrow(yield* store.getBySerial(first.serial))).toEqual(first)
      expect(Option.getOrThrow(yield* store.getBySerial(second.serial)).id).toBe(second.id)
      yield* store.save(revised(first, { deletedAt: hoursAfter(1), updatedAt: hoursAfter(1) }))
      expect(Option.getOrThrow(yield* store.getBySerial(first.serial)).deletedAt).toEqual(hoursAfter(1))
      expect(Option.isNone(yield* store.getBySerial(second.serial + 1_000_000))).toBe(true)
    }))

  it.effect("keeps slugs unique within an organisation, not across organisations", () =>
    Effect.gen(function*() {
      const a = yield* organisation()
      const b = yield* organisation()
      yield* definition(a.id, { slug: "first-session" })
      const taken = yield* Effect.flip(definition(a.id, { slug: "first-session", name: "Other" }))
      expect(taken._tag).toBe("Conflict")
      const elsewhere = yield* definition(b.id, { slug: "first-session" })
      expect(elsewhere.slug).toBe("first-session")
    }))

  it.effect("lists with filters and pagination, with the total of all matches", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const issuer = yield* (yield* TenancyStore).createIssuer(newIssuer(org.id, "iss", "Issuer"))
      for (let i = 0; i < 5; i++) {
        yield* definition(org.id, { name: `Milestone ${i}`, category: "milestone" })
      }
      yield* definition(org.id, { name: "Learning", category: "learning", issuerId: issuer.id })
      yield* definition(org.id, { name: "Old", category: "learning", active: false })

      const page1 = yield* store.list({ organisationId: org.id }, { page: 1, limit: 3 })
      expect(page1.total).toBe(7)
      expect(page1.items.map((d) => d.name)).toEqual(["Milestone 0", "Milestone 1", "Milestone 2"])
      const page3 = yield* store.list({ organisationId: org.id }, { page: 3, limit: 3 })
      expect(page3.items.map((d) => d.name)).toEqual(["Old"])

      const milestones = yield* store.list({ organisationId: org.id, category: "milestone" }, {
        page: 1,
        limit: 20
      })
      expect(milestones.total).toBe(5)
      const active = yield* store.list({ organisationId: org.id, active: true }, { page: 1, limit: 20 })
      expect(active.total).toBe(6)
      const archived = yield* store.list({ organisationId: org.id, active: false }, { page: 1, limit: 20 })
      expect(archived.items.map((d) => d.name)).toEqual(["Old"])
      const byIssuer = yield* store.list({ organisationId: org.id, issuerId: issuer.id }, {
        page: 1,
        limit: 20
      })
      expect(byIssuer.items.map((d) => d.name)).toEqual(["Learning"])
    }))

  it.effect("saves every field as given, the rule version included; an absent optional field is cleared", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, {
        name: "Training Master",
        category: "learning",
        rule: { type: "training_completion_count", threshold: 10 }
      })
      const renamed = yield* store.save(revised(def, { description: "Ten approved modules", updatedAt: hoursAfter(1) }))
      expect(renamed.name).toBe("Training Master")
      expect(renamed.description).toBe("Ten approved modules")
      expect(renamed.ruleVersion).toBe(1)
      expect(renamed.updatedAt).toEqual(hoursAfter(1))

      const newRule = yield* store.save(revised(renamed, {
        rule: { type: "training_completion_count", threshold: 12 },
        ruleVersion: 2,
        category: undefined,
        updatedAt: hoursAfter(3)
      }))
      expect(newRule.ruleVersion).toBe(2)
      expect(newRule.category).toBeUndefined()
      const read = Option.getOrThrow(yield* store.get(def.id))
      expect(read.rule).toEqual({ type: "training_completion_count", threshold: 12 })
      expect(read.ruleVersion).toBe(2)
      expect(read.category).toBeUndefined()
      expect(read.description).toBe("Ten approved modules")
      expect(read.updatedAt).toEqual(hoursAfter(3))
      expect(read.serial).toBe(def.serial)
      // Rules are read again after a save, whoever saved.
      const withRules = yield* store.listWithRules(org.id)
      expect(withRules.map((d) => [d.id, d.ruleVersion])).toEqual([[def.id, 2]])
    }))

  it.effect("keeps a rule's problem once per rule version until it evaluates again; a save without it clears it", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { name: "Broken", rule: { type: "session_count", threshold: 1 } })
      const problem = { message: "criteria type session_count could not be evaluated: boom", since: hoursAfter(1) }
      expect(yield* store.reportRuleProblem(def.id, def.ruleVersion, problem)).toBe(true)
      // Once: a second report, or one for a rule version the definition no longer has, writes nothing.
      expect(yield* store.reportRuleProblem(def.id, def.ruleVersion, { ...problem, message: "again" })).toBe(false)
      expect(yield* store.reportRuleProblem(def.id, def.ruleVersion + 1, problem)).toBe(false)
      const reread = Option.getOrThrow(yield* store.get(def.id))
      expect(reread.ruleProblem).toEqual(problem)
      expect((yield* store.listWithRules(org.id)).map((d) => d.ruleProblem)).toEqual([problem])
      // The rule evaluated again: the problem goes, once.
      expect(yield* store.clearRuleProblem(def.id, def.ruleVersion)).toBe(true)
      expect(yield* store.clearRuleProblem(def.id, def.ruleVersion)).toBe(false)
      expect((yield* store.listWithRules(org.id)).map((d) => d.ruleProblem)).toEqual([undefined])
      expect(yield* store.reportRuleProblem(def.id, def.ruleVersion, problem)).toBe(true)
      const read = Option.getOrThrow(yield* store.get(def.id))
      const changed = yield* store.save(revised(read, {
        rule: { type: "session_count", threshold: 2 },
        ruleVersion: 2,
        ruleProblem: undefined
      }))
      expect(changed.ruleProblem).toBeUndefined()
      expect(Option.getOrThrow(yield* store.get(def.id)).ruleProblem).toBeUndefined()
    }))

  it.effect("a save to a slug taken by another live definition is a conflict; an unknown id is NotFound", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      yield* definition(org.id, { slug: "taken" })
      const other = yield* definition(org.id, { slug: "other" })
      const conflict = yield* Effect.flip(store.save(revised(other, { slug: "taken" })))
      expect(conflict._tag).toBe("Conflict")
      const missing = yield* Effect.flip(store.save(revised(other, { id: "bdg-missing" as never })))
      expect(missing._tag).toBe("NotFound")
    }))

  it.effect("a save never changes how many awards the definition has made", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 1 })
      yield* award(def, "pm-1")
      yield* store.save(revised(def, { name: "Renamed" }))
      expect((yield* Effect.flip(award(def, "pm-2")))._tag).toBe("AwardLimitReached")
    }))

  it.effect("archives and reactivates by the archive stamp saved", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { rule: { type: "session_count", threshold: 1 } })
      const archived = yield* store.save(
        revised(def, { archivedAt: hoursAfter(1), archivalNote: "season over", updatedAt: hoursAfter(1) })
      )
      expect(archived.active).toBe(false)
      expect(archived.archivedAt).toEqual(hoursAfter(1))
      expect(archived.archivalNote).toBe("season over")
      expect(yield* store.listWithRules(org.id)).toEqual([])
      const back = yield* store.save(revised(archived, { archivedAt: undefined, archivalNote: undefined }))
      expect(back.active).toBe(true)
      expect(back.archivalNote).toBeUndefined()
      expect((yield* store.listWithRules(org.id)).map((d) => d.id)).toEqual([def.id])
    }))

  it.effect("a saved delete stamp hides the definition, frees its slug and keeps its awards", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { slug: "gone" })
      const kept = yield* award(def, "pm-1")
      const deleted = yield* store.save(revised(def, { deletedAt: hoursAfter(1), updatedAt: hoursAfter(1) }))
      expect(deleted.deletedAt).toEqual(hoursAfter(1))
      expect(deleted.active).toBe(false)
      const listed = yield* store.list({ organisationId: org.id }, { page: 1, limit: 20 })
      expect(listed.total).toBe(0)
      expect(Option.isNone(yield* store.getBySlug(org.id, "gone"))).toBe(true)
      expect(Option.getOrThrow(yield* store.get(def.id)).deletedAt).toEqual(hoursAfter(1))
      expect(Option.isSome(yield* (yield* AwardStore).get(kept.id))).toBe(true)
      const reused = yield* definition(org.id, { slug: "gone" })
      expect(reused.id).not.toBe(def.id)
    }))

  it.effect("reads a definition for update inside a transaction", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const read = yield* (yield* Transactions).run(store.get(def.id, { forUpdate: true }))
      expect(Option.getOrThrow(read).id).toBe(def.id)
    }))

  it.effect("counts live awards per definition", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const awards = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const other = yield* definition(org.id, { name: "Other" })
      yield* award(def, "pm-1")
      const revoked = yield* award(def, "pm-2")
      yield* awards.revoke(revoked.id, "mistake", hoursAfter(1))
      yield* award(def, "pm-3", { expiresAt: hoursAfter(2) })
      const counts = yield* store.earnedCounts([def.id, other.id], hoursAfter(1))
      expect(counts.get(def.id)).toBe(2)
      expect(counts.get(other.id) ?? 0).toBe(0)
      const later = yield* store.earnedCounts([def.id], hoursAfter(3))
      expect(later.get(def.id)).toBe(1)
    }))

  it.effect("hardDelete removes a definition nothing refers to, and refuses one with any award, revoked or not", () =>
    Effect.gen(function*() {
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const bare = yield* definition(org.id, { name: "Never awarded" })
      expect(yield* store.hardDelete(bare.id)).toBe(true)
      expect(Option.isNone(yield* store.get(bare.id))).toBe(true)
      expect(yield* store.hardDelete(bare.id)).toBe(false)
      const awarded = yield* definition(org.id, { name: "Awarded once" })
      const made = yield* award(awarded, "pm-hard")
      yield* (yield* AwardStore).revoke(made.id, "test", t0)
      expect(yield* store.hardDelete(awarded.id)).toBe(false)
      expect(Option.isSome(yield* store.get(awarded.id))).toBe(true)
    }))
}
