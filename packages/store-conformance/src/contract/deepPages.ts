import { type Award, AwardStore, type BadgeDefinition, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect, Runtime } from "effect"
import fc from "fast-check"
import { definition, hoursAfter, newAward, organisation } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** Awards of a definition in one bulk insert, every seventh expiring at `expiresAt`, every eleventh a day later. */
const awardMany = (def: BadgeDefinition, count: number, from: number, expiresAt: DateTime.Utc) =>
  Effect.flatMap(AwardStore, (store) =>
    store.insertMany(
      Array.from({ length: count }, (_, i) => ({
        award: newAward(
          def,
          `pm-${from + i}`,
          (from + i) % 7 === 0
            ? { expiresAt }
            : (from + i) % 11 === 0
            ? { expiresAt: DateTime.add(expiresAt, { hours: 25 }) }
            : {}
        )
      }))
    ))

/**
 * Deep pages of an organisation's live awards: past a bucket's worth of serials an adapter may start the page from
 * counts it keeps, and what it lists must stay what the plain listing lists.
 */
export const deepPages = (it: It) => {
  it.effect(
    "deep pages of an organisation's awards are the plain listing's, oldest or newest first, after revokes and expiries",
    () =>
      Effect.gen(function*() {
        const store = yield* AwardStore
        const org = yield* organisation()
        const neighbour = yield* organisation()
        const a = yield* definition(org.id, { name: "A", unique: false })
        const b = yield* definition(org.id, { name: "B", unique: false })
        const elsewhere = yield* definition(neighbour.id, { name: "Elsewhere", unique: false })
        // Several buckets of serials (2,048 each at most), the organisations' awards interleaved in serial order.
        const made: Array<Award> = []
        for (let round = 0; round < 6; round++) {
          made.push(...yield* awardMany(a, 700, round * 1000, hoursAfter(1)))
          yield* awardMany(elsewhere, 400, round * 1000, hoursAfter(1))
          made.push(...yield* awardMany(b, 300, round * 1000 + 700, hoursAfter(3)))
        }
        // The same awards through a filter no shortcut serves: the plain query's answer.
        const plain = { organisationId: org.id, definitionIds: [a.id, b.id] }
        const samePage = (page: number, limit: number, newestFirst: boolean, now: DateTime.Utc) =>
          Effect.gen(function*() {
            const listed = yield* store.list({ organisationId: org.id, newestFirst }, { page, limit }, now)
            const expected = yield* store.list({ ...plain, newestFirst }, { page, limit }, now)
            expect(listed.items.map((x) => x.id)).toEqual(expected.items.map((x) => x.id))
            expect(listed.total).toBe(expected.total)
            return listed
          })
        const everyDepth = (now: DateTime.Utc) =>
          Effect.forEach([false, true], (newestFirst) =>
            Effect.gen(function*() {
              for (const page of [1, 20, 21, 22, 35, 50, 59, 60, 61, 62, 80]) {
                yield* samePage(page, 100, newestFirst, now)
              }
              for (const page of [2, 3, 4, 5, 6, 7]) yield* samePage(page, 1000, newestFirst, now)
            }))

        const before = yield* samePage(45, 100, false, hoursAfter(0.5))
        expect(before.items.length).toBe(100)
        yield* everyDepth(hoursAfter(0.5))
        // Unreported expiries at 2 hours, then reported, then some of both kinds revoked.
        yield* everyDepth(hoursAfter(2))
        yield* store.expire(hoursAfter(2))
        for (const [i, one] of made.entries()) {
          if (i % 97 === 5 || i % 301 === 0) yield* store.revoke(one.id, "mistake", hoursAfter(2))
        }
        yield* everyDepth(hoursAfter(2))
        yield* everyDepth(hoursAfter(4))
        const deep = yield* samePage(30, 100, true, hoursAfter(4))
        expect(deep.items.length).toBe(100)
        // The next days: a day's expiries wholly past, then the next day's in part, then all of them.
        yield* everyDepth(hoursAfter(27))
        yield* everyDepth(hoursAfter(60))

        const run = Runtime.runPromise(yield* Effect.runtime<Stores>())
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(
              fc.integer({ min: 1, max: 7000 }),
              fc.integer({ min: 1, max: 300 }),
              fc.boolean(),
              fc.constantFrom(2, 4, 27, 28.5, 60),
              (at, limit, newestFirst, hours) =>
                run(samePage(Math.floor(at / limit) + 1, limit, newestFirst, hoursAfter(hours)).pipe(Effect.asVoid))
            ),
            { numRuns: 40 }
          )
        )
      }),
    120_000
  )

  it.effect("awards that expired before 1970 are not live in totals or deep pages, and never-expiring ones are", () =>
    Effect.gen(function*() {
      const store = yield* AwardStore
      const org = yield* organisation()
      const a = yield* definition(org.id, { name: "A", unique: false })
      const old = DateTime.unsafeMake("1969-06-01T00:00:00.000Z")
      yield* awardMany(a, 2200, 0, old)
      const now = hoursAfter(1)
      const plain = { organisationId: org.id, definitionIds: [a.id] }
      for (const newestFirst of [false, true]) {
        for (const page of [1, 21, 22, 23, 24]) {
          const listed = yield* store.list({ organisationId: org.id, newestFirst }, { page, limit: 100 }, now)
          const expected = yield* store.list({ ...plain, newestFirst }, { page, limit: 100 }, now)
          expect(listed.items.map((x) => x.id)).toEqual(expected.items.map((x) => x.id))
          expect(listed.total).toBe(expected.total)
          // Every seventh and every eleventh expired in 1969.
          expect(listed.total).toBe(Array.from({ length: 2200 }, (_, i) => i).filter((i) => i % 7 && i % 11).length)
        }
      }
    }))
}
