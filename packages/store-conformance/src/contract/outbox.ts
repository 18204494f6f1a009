import {
  type EventId,
  type NewOutboxEntry,
  type OrganisationId,
  OutboxStore,
  type Stores,
  Transactions
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { hoursAfter, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

const entry = (organisationId: OrganisationId, n: number): NewOutboxEntry => ({
  id: uniqueId("evt") as EventId,
  organisationId,
  type: "badge.awarded",
  orderingKey: `id:pm-${n}`,
  occurredAt: t0,
  data: { award: { id: `award-${n}`, recipient: { kind: "id", value: `pm-${n}` } } }
})

/** The last position in the outbox now: entries of other tests come before it. */
const tail = (store: OutboxStore["Type"]) =>
  Effect.gen(function*() {
    let after = 0
    for (;;) {
      const page = yield* store.after(after, 500)
      if (page.length === 0) return after
      after = page.at(-1)!.position
    }
  })

/** The outbox port. */
export const outbox = (it: It) => {
  it.effect("appends entries and reads them after a position, in order, with their data", () =>
    Effect.gen(function*() {
      const store = yield* OutboxStore
      const org = uniqueId("org") as OrganisationId
      const start = yield* tail(store)
      const written = [entry(org, 1), entry(org, 2), entry(org, 3)]
      yield* store.append(written)
      const read = yield* store.after(start, 10)
      expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id))
      expect(read[0]).toMatchObject({ organisationId: org, type: "badge.awarded", orderingKey: "id:pm-1" })
      expect(read[0]!.data).toEqual(written[0]!.data)
      expect(read[0]!.occurredAt).toEqual(t0)
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position)
      expect((yield* store.after(read[0]!.position, 1)).map((e) => e.id)).toEqual([written[1]!.id])
      expect(Option.getOrThrow(yield* store.get(written[2]!.id)).position).toBe(read[2]!.position)
    }))

  it.effect("concurrent appends get distinct positions, and a rolled-back append leaves no entry", () =>
    Effect.gen(function*() {
      const store = yield* OutboxStore
      const transactions = yield* Transactions
      const org = uniqueId("org") as OrganisationId
      const start = yield* tail(store)
      yield* Effect.all(
        Array.from({ length: 20 }, (_, n) => transactions.run(store.append([entry(org, n)]))),
        { concurrency: "unbounded" }
      )
      const failed = entry(org, 99)
      yield* transactions.run(Effect.zipRight(store.append([failed]), Effect.fail("rolled back"))).pipe(Effect.flip)
      const read = (yield* store.after(start, 100)).filter((e) => e.organisationId === org)
      expect(read).toHaveLength(20)
      expect(new Set(read.map((e) => e.position)).size).toBe(20)
      expect(Option.isNone(yield* store.get(failed.id))).toBe(true)
    }))

  it.effect("a consumer's position is 0 until saved, then what was saved last", () =>
    Effect.gen(function*() {
      const store = yield* OutboxStore
      const transactions = yield* Transactions
      const consumer = uniqueId("consumer")
      expect(yield* store.position(consumer)).toBe(0)
      yield* store.savePosition(consumer, 7, t0)
      yield* store.savePosition(consumer, 9, hoursAfter(1))
      expect(yield* store.position(consumer)).toBe(9)
      const locked = uniqueId("consumer")
      expect(yield* transactions.run(store.position(locked, { forUpdate: true }))).toBe(0)
      yield* transactions.run(
        Effect.flatMap(store.position(locked, { forUpdate: true }), (at) => store.savePosition(locked, at + 5, t0))
      )
      expect(yield* store.position(locked)).toBe(5)
    }))
}
