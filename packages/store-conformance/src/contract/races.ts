import { BadgeStore } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Either } from "effect"
import { activity, definition, newAward, organisation, t0 } from "../fixtures.js"
import { claimCode } from "./grantsAndCodes.js"

type It = Vitest.MethodsNonLive<BadgeStore>

/** Runs `n` copies of an effect at once and collects every outcome. */
const race = <A, E, R>(n: number, make: (i: number) => Effect.Effect<A, E, R>) =>
  Effect.all(Array.from({ length: n }, (_, i) => Effect.either(make(i))), { concurrency: "unbounded" })

const successes = <A, E>(results: ReadonlyArray<Either.Either<A, E>>) => results.filter(Either.isRight).length

export const races = (it: It) => {
  it.effect("50 concurrent awards of a unique badge to one recipient make exactly one", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const results = yield* race(50, () => store.insertAward(newAward(def, "pm-1"), {}))
      expect(successes(results)).toBe(1)
      expect(results.filter(Either.isLeft).every((r) => r.left._tag === "Conflict")).toBe(true)
      const listed = yield* store.listAwards({ definitionId: def.id }, { page: 1, limit: 100 }, t0)
      expect(listed.total).toBe(1)
    }))

  it.effect("50 concurrent redemptions of a code with limit 5 make exactly 5 awards", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const code = yield* store.createClaimCode(claimCode(org.id, def.id, { limit: 5 }))
      const results = yield* race(
        50,
        (i) => store.redeemClaimCode(code.codeHash, () => newAward(def, `pm-${i}`), {}, t0)
      )
      expect(successes(results)).toBe(5)
      const listed = yield* store.listAwards({ definitionId: def.id }, { page: 1, limit: 100 }, t0)
      expect(listed.total).toBe(5)
    }))

  it.effect("maxAwards 3 under 30 concurrent recipients makes exactly 3 awards", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 3 })
      const results = yield* race(30, (i) => store.insertAward(newAward(def, `pm-${i}`), {}))
      expect(successes(results)).toBe(3)
      expect(results.filter(Either.isLeft).every((r) => r.left._tag === "AwardLimitReached")).toBe(true)
      const counts = yield* store.earnedCounts([def.id], t0)
      expect(counts.get(def.id)).toBe(3)
    }))

  it.effect("the same activity submitted 20 times at once is counted once", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const results = yield* race(
        20,
        () => store.recordActivity(activity(org.id, "pm-1", "session_completed", t0, "once-only"), "2026-03-01")
      )
      const inserted = results.filter((r) => Either.isRight(r) && r.right.inserted)
      expect(inserted.length).toBe(1)
      expect(successes(results)).toBe(20)
      const ids = new Set(results.flatMap((r) => Either.isRight(r) ? [r.right.activity.id] : []))
      expect(ids.size).toBe(1)
      const totals = yield* store.activityTotals(org.id, "pm-1")
      expect(totals.get("session_completed")).toBe(1)
    }))
}
