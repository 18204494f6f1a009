import type { Engine, Stores } from "@badge-engine/core"
import { Actor, Awards, Definitions, DefinitionStore } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { define, record, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const definitions = (it: It) => {
  it.effect("refuses an unknown criteria type, naming the field", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const error = yield* Effect.flip(define(org.id, { rule: { type: "sessions", threshold: 1 } }))
      expect(error).toMatchObject({ _tag: "InvalidInput", field: "rule.type" })
      expect(error.message).toContain("session_count")
    }))

  it.effect("refuses bad parameters, naming the field", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const zero = yield* Effect.flip(define(org.id, { rule: { type: "session_count", threshold: 0 } }))
      expect(zero).toMatchObject({ _tag: "InvalidInput", field: "rule.threshold" })
      const missing = yield* Effect.flip(define(org.id, { rule: { type: "streak_days" } }))
      expect(missing).toMatchObject({ _tag: "InvalidInput", field: "rule.threshold" })
      const extra = yield* Effect.flip(define(org.id, { rule: { type: "session_count", threshold: 1, days: 2 } }))
      expect(extra).toMatchObject({ _tag: "InvalidInput", field: "rule.days" })
      const nested = yield* Effect.flip(define(org.id, {
        rule: {
          type: "all_of",
          rules: [{ type: "session_count", threshold: 1 }, { type: "session_count", threshold: "x" }]
        }
      }))
      expect(nested).toMatchObject({ _tag: "InvalidInput", field: "rule.rules.1.threshold" })
      const window = yield* Effect.flip(define(org.id, {
        rule: { type: "activity_count", threshold: 1, from: "2026-03-05", to: "2026-03-01" }
      }))
      expect(window).toMatchObject({ _tag: "InvalidInput", field: "rule.to" })
    }))

  it.effect("refuses the same checks on update, and a changed rule bumps its version", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Sessions", rule: { type: "session_count", threshold: 2 } })
      const definitions = yield* Definitions.Definitions
      const bad = yield* Effect.flip(definitions.update(def.id, { rule: { type: "nope" } }))
      expect(bad).toMatchObject({ _tag: "InvalidInput", field: "rule.type" })
      const updated = yield* definitions.update(def.id, { rule: { type: "session_count", threshold: 1 } })
      expect(updated.definition.ruleVersion).toBe(2)
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.awards[0]?.ruleVersion).toBe(2)
      const read = yield* definitions.get(def.id)
      expect(read.earnedCount).toBe(1)
    }))

  it.effect("refuses a definition for an unknown organisation or another organisation's issuer", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const noOrg = yield* Effect.flip(define("org-missing" as never, {}))
      expect(noOrg).toMatchObject({ _tag: "InvalidInput", field: "organisationId" })
      const noIssuer = yield* Effect.flip(define(org.id, { issuerId: "iss-missing" }))
      expect(noIssuer).toMatchObject({ _tag: "InvalidInput", field: "issuerId" })
    }))

  it.effect("a deleted definition is not found, not listed and not earned", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Gone", rule: { type: "session_count", threshold: 1 } })
      const definitions = yield* Definitions.Definitions
      yield* definitions.remove(def.id)
      expect((yield* Effect.flip(definitions.get(def.id)))._tag).toBe("NotFound")
      expect((yield* definitions.list({ organisationId: org.id }, { page: 1, limit: 20 })).total).toBe(0)
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      expect(result.awards).toEqual([])
    }))

  it.effect("a deleted definition is deleted once: deleting or changing it again is not found, and it keeps its stamp", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Twice" })
      const definitions = yield* Definitions.Definitions
      const deleted = yield* definitions.remove(def.id)
      yield* setNow("2026-03-11T12:00:00Z")
      expect((yield* Effect.flip(definitions.remove(def.id)))._tag).toBe("NotFound")
      expect((yield* Effect.flip(definitions.update(def.id, { name: "Back" })))._tag).toBe("NotFound")
      const stored = Option.getOrThrow(yield* (yield* DefinitionStore).get(def.id))
      expect(stored.deletedAt).toEqual(deleted.deletedAt)
      expect(stored.name).toBe("Twice")
    }))

  it.effect("the same rule with its keys in another order keeps the rule version; another rule raises it", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, {
        name: "Ordered",
        rule: { type: "activity_count", threshold: 2, activity_type: "x" }
      })
      const definitions = yield* Definitions.Definitions
      const same = yield* definitions.update(def.id, {
        rule: { activity_type: "x", threshold: 2, type: "activity_count" }
      })
      expect(same.definition.ruleVersion).toBe(1)
      const other = yield* definitions.update(def.id, {
        rule: { type: "activity_count", threshold: 3, activity_type: "x" }
      })
      expect(other.definition.ruleVersion).toBe(2)
    }))

  it.effect("finds a live definition by its serial, in the organisation asked and as the actor may see it", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const other = yield* setup()
      const def = yield* define(org.id, { name: "By serial" })
      const definitions = yield* Definitions.Definitions
      expect((yield* definitions.getBySerial(undefined, def.serial)).id).toBe(def.id)
      expect((yield* definitions.getBySerial(org.id, def.serial)).id).toBe(def.id)
      expect((yield* Effect.flip(definitions.getBySerial(other.id, def.serial)))._tag).toBe("NotFound")
      const theirs = Actor.actingAs(new Actor.Principal({ role: "admin", organisationId: other.id, name: "admin" }))
      expect((yield* Effect.flip(theirs(definitions.getBySerial(undefined, def.serial))))._tag).toBe("NotFound")
      const nobody = Actor.actingAs(Actor.anonymous)
      expect((yield* Effect.flip(nobody(definitions.getBySerial(org.id, def.serial))))._tag).toBe("Forbidden")
      expect((yield* Effect.flip(definitions.getBySerial(undefined, def.serial + 1_000_000)))._tag).toBe("NotFound")
      yield* definitions.remove(def.id)
      expect((yield* Effect.flip(definitions.getBySerial(org.id, def.serial)))._tag).toBe("NotFound")
    }))

  it.effect("a hard delete removes a definition never awarded; one awarded (even revoked) is a Conflict and stays", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const definitions = yield* Definitions.Definitions
      const bare = yield* define(org.id, { name: "Bare" })
      yield* definitions.hardDelete(bare.id)
      expect((yield* Effect.flip(definitions.get(bare.id)))._tag).toBe("NotFound")
      expect((yield* Effect.flip(definitions.hardDelete(bare.id)))._tag).toBe("NotFound")
      const earned = yield* define(org.id, { name: "Earned", rule: { type: "session_count", threshold: 1 } })
      const result = yield* record(org.id, "pm-1", "session_completed", "2026-03-10T09:00:00Z")
      yield* (yield* Awards.Awards).revoke(result.awards[0]!.id, "test")
      expect(yield* Effect.flip(definitions.hardDelete(earned.id))).toMatchObject({ _tag: "Conflict" })
      expect((yield* definitions.get(earned.id)).definition.name).toBe("Earned")
    }))
}
