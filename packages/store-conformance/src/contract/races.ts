import { ActivityStore, AwardStore, ClaimCodeStore, DefinitionStore, GrantStore, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Either, Option } from "effect"
import { activity, definition, newAward, organisation, t0 } from "../fixtures.js"
import { claimCode, pendingGrant } from "./grantsAndCodes.js"

type It = Vitest.MethodsNonLive<Stores>

/** Runs `n` copies of an effect at once and collects every outcome. */
const race = <A, E, R>(n: number, make: (i: number) => Effect.Effect<A, E, R>) =>
  Effect.all(Array.from({ length: n }, (_, i) => Effect.either(make(i))), { concurrency: "unbounded" })

const successes = <A, E>(results: ReadonlyArray<Either.Either<A, E>>) => results.filter(Either.isRight).length

/** Races the database settles: concurrent awards, uses, grant moves and replayed activities. */
export const races = (it: It) => {
  it.effect("50 concurrent awards of a unique badge to one recipient make exactly one", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: true })
      const results = yield* race(50, () => store.insert(newAward(def, "pm-1"), {}))
      expect(successes(results)).toBe(1)
      expect(results.filter(Either.isLeft).every((r) => r.left._tag === "Conflict")).toBe(true)
      const listed = yield* store.list({ definitionId: def.id }, { page: 1, limit: 100 }, t0)
      expect(listed.total).toBe(1)
    }))

  it.effect("50 concurrent uses of a code with limit 5 take exactly 5", () =>
    Effect.gen(function*() {
      const store = yield* ClaimCodeStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { unique: false })
      const code = yield* store.create(claimCode(org.id, def.id, { limit: 5 }))
      const results = yield* race(50, () => store.takeUse(code.codeHash, t0))
      const taken = results.flatMap((r) => Either.isRight(r) && Option.isSome(r.right) ? [r.right.value.uses] : [])
      expect(taken.sort()).toEqual([1, 2, 3, 4, 5])
      expect(successes(results)).toBe(50)
      expect(Option.getOrThrow(yield* store.get(code.id)).uses).toBe(5)
    }))

  it.effect("20 concurrent moves of one pending grant: exactly one happens", () =>
    Effect.gen(function*() {
      const store = yield* GrantStore
      const org = yield* organisation()
      const def = yield* definition(org.id)
      const { grant } = yield* store.create(pendingGrant(org.id, def.id, "kari@example.com"))
      const results = yield* race(20, () => store.transition(grant.id, { from: ["pending"], to: "accepted", now: t0 }))
      const moved = results.filter((r) => Either.isRight(r) && Option.isSome(r.right))
      expect(moved.length).toBe(1)
      expect(successes(results)).toBe(20)
    }))

  it.effect("maxAwards 3 under 30 concurrent recipients makes exactly 3 awards", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const def = yield* definition(org.id, { maxAwards: 3 })
      const results = yield* race(30, (i) => store.insert(newAward(def, `pm-${i}`), {}))
      expect(successes(results)).toBe(3)
      expect(results.filter(Either.isLeft).every((r) => r.left._tag === "AwardLimitReached")).toBe(true)
      const counts = yield* (yield* DefinitionStore).earnedCounts([def.id], t0)
      expect(counts.get(def.id)).toBe(3)
    }))

  it.effect("the same activity submitted 20 times at once is counted once", () =>
    Effect.gen(function*() {
      const store = yield* ActivityStore
      const org = yield* organisation()
      const results = yield* race(
        20,
        () => store.record(activity(org.id, "pm-1", "session_completed", t0, "once-only"), "2026-03-01")
      )
      const inserted = results.filter((r) => Either.isRight(r) && r.right.inserted)
      expect(inserted.length).toBe(1)
      expect(successes(results)).toBe(20)
      const ids = new Set(results.flatMap((r) => Either.isRight(r) ? [r.right.activity.id] : []))
      expect(ids.size).toBe(1)
      const totals = yield* store.totals(org.id, "pm-1")
      expect(totals.get("session_completed")).toBe(1)
    }))
}
