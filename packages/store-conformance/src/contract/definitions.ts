import { BadgeStore } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { award, definition, hoursAfter, newIssuer, organisation, t0 } from "../fixtures.js"

type It = Vitest.MethodsNonLive<BadgeStore>

export const definitions = (it: It) => {
  it.effect("creates a definition with every unified field and reads it back", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
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
      const read = Option.getOrThrow(yield* store.getDefinition(created.id))
      expect(read.name).toBe("Streak Champion")
      expect(read.rule).toEqual({ type: "streak_days", threshold: 30 })
      expect(read.criteria).toEqual([{ description: "Mentor every day", required: true, note: "checked daily" }])
      expect(read.tags).toEqual(["streak", "daily"])
      expect(read.timeUnits).toBe("days")
      expect(read.maxAwards).toBe(100)
      expect(read.validityDays).toBe(365)
      expect(read.createdAt).toEqual(t0)
      const bySlug = yield* store.getDefinitionBySlug(org.id, "streak-champion")
      expect(Option.getOrThrow(bySlug).id).toBe(created.id)
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
      const store = yield* BadgeStore
      const org = yield* organisation()
      const issuer = yield* store.createIssuer(newIssuer(org.id, "iss", "Issuer"))
      for (let i = 0; i < 5; i++) {
        yield* definition(org.id, { name: `Milestone ${i}`, category: "milestone" })
      }
      yield* definition(org.id, { name: "Learning", category: "learning", issuerId: issuer.id })
      yield* definition(org.id, { name: "Old", category: "learning", active: false })

      const page1 = yield* store.listDefinitions({ organisationId: org.id }, { page: 1, limit: 3 })
      expect(page1.total).toBe(7)
      expect(page1.items.map((d) => d.name)).toEqual(["Milestone 0", "Milestone 1", "Milestone 2"])
      const page3 = yield* store.listDefinitions({ organisationId: org.id }, { page: 3, limit: 3 })
      expect(page3.items.map((d) => d.name)).toEqual(["Old"])

      const milestones = yield* store.listDefinitions({ organisationId: org.id, category: "milestone" }, {
        page: 1,
        limit: 20
      })
      expect(milestones.total).toBe(5)
      const active = yield* store.listDefinitions({ organisationId: org.id, active: true }, { page: 1, limit: 20 })
      expect(active.total).toBe(6)
      const archived = yield* store.listDefinitions({ organisationId: org.id, active: false }, { page: 1, limit: 20 })
      expect(archived.items.map((d) => d.name)).toEqual(["Old"])
      const byIssuer = yield* store.listDefinitions({ organisationId: org.id, issuerId: issuer.id }, {
        page: 1,
        limit: 20
      })
      expect(byIssuer.items.map((d) => d.name)).toEqual(["Learning"])
    }))

  it.effect("updates only the fields given; null clears; a changed rule bumps its version", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, {
        name: "Training Master",
        category: "learning",
        rule: { type: "training_completion_count", threshold: 10 }
      })
      const renamed = yield* store.updateDefinition(def.id, { description: "Ten approved modules" }, hoursAfter(1))
      expect(renamed.name).toBe("Training Master")
      expect(renamed.description).toBe("Ten approved modules")
      expect(renamed.ruleVersion).toBe(1)
      expect(renamed.updatedAt).toEqual(hoursAfter(1))

      const sameRule = yield* store.updateDefinition(def.id, {
        rule: { threshold: 10, type: "training_completion_count" }
      }, hoursAfter(2))
      expect(sameRule.ruleVersion).toBe(1)
      const newRule = yield* store.updateDefinition(def.id, {
        rule: { type: "training_completion_count", threshold: 12 },
        category: null
      }, hoursAfter(3))
      expect(newRule.ruleVersion).toBe(2)
      expect(newRule.category).toBeUndefined()
      const read = Option.getOrThrow(yield* store.getDefinition(def.id))
      expect(read.rule).toEqual({ type: "training_completion_count", threshold: 12 })
      expect(read.ruleVersion).toBe(2)
      expect(read.category).toBeUndefined()
      expect(read.description).toBe("Ten approved modules")
    }))

  it.effect("archives and reactivates through active", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const archived = yield* store.updateDefinition(
        def.id,
        { active: false, archivalNote: "season over" },
        hoursAfter(1)
      )
      expect(archived.active).toBe(false)
      expect(archived.archivedAt).toEqual(hoursAfter(1))
      expect(archived.archivalNote).toBe("season over")
      const back = yield* store.updateDefinition(def.id, { active: true }, hoursAfter(2))
      expect(back.active).toBe(true)
      expect(back.archivalNote).toBeUndefined()
    }))

  it.effect("soft delete hides the definition, frees its slug and keeps its awards", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { slug: "gone" })
      const kept = yield* award(def, "pm-1")
      const deleted = yield* store.deleteDefinition(def.id, hoursAfter(1))
      expect(deleted.deletedAt).toEqual(hoursAfter(1))
      expect(deleted.active).toBe(false)
      const again = yield* store.deleteDefinition(def.id, hoursAfter(2))
      expect(again.deletedAt).toEqual(hoursAfter(1))
      const listed = yield* store.listDefinitions({ organisationId: org.id }, { page: 1, limit: 20 })
      expect(listed.total).toBe(0)
      expect(Option.isSome(yield* store.getDefinition(def.id))).toBe(true)
      expect(Option.isSome(yield* store.getAward(kept.id))).toBe(true)
      const updateDeleted = yield* Effect.flip(store.updateDefinition(def.id, { name: "x" }, hoursAfter(3)))
      expect(updateDeleted._tag).toBe("NotFound")
      const reused = yield* definition(org.id, { slug: "gone" })
      expect(reused.id).not.toBe(def.id)
    }))

  it.effect("counts live awards per definition", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const other = yield* definition(org.id, { name: "Other" })
      yield* award(def, "pm-1")
      const revoked = yield* award(def, "pm-2")
      yield* store.revokeAward(revoked.id, "mistake", hoursAfter(1))
      yield* award(def, "pm-3", { expiresAt: hoursAfter(2) })
      const counts = yield* store.earnedCounts([def.id, other.id], hoursAfter(1))
      expect(counts.get(def.id)).toBe(2)
      expect(counts.get(other.id) ?? 0).toBe(0)
      const later = yield* store.earnedCounts([def.id], hoursAfter(3))
      expect(later.get(def.id)).toBe(1)
    }))
}
