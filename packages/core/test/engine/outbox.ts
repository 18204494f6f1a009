import type { Engine, OrganisationId, OutboxEntry, Stores } from "@badge-engine/core"
import { Awards, ClaimCodes, Grants, Outbox, OutboxStore, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Chunk, DateTime, Effect, Redacted, Stream } from "effect"
import { define, record, setNow, setup, uniqueId } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

/** Every outbox entry of an organisation, in order. */
const entriesOf = (organisationId: OrganisationId) =>
  Effect.gen(function*() {
    const store = yield* OutboxStore
    const found: Array<OutboxEntry> = []
    for (let after = 0;;) {
      const page = yield* store.after(after, 1000)
      if (page.length === 0) return found
      found.push(...page.filter((entry) => entry.organisationId === organisationId))
      after = page.at(-1)!.position
    }
  })

/** The position after every entry so far: a new consumer starting there sees only what comes next. */
const tail = Effect.gen(function*() {
  const store = yield* OutboxStore
  let after = 0
  for (;;) {
    const page = yield* store.after(after, 1000)
    if (page.length === 0) return after
    after = page.at(-1)!.position
  }
})

export const outbox = (it: It) => {
  it.effect("awards, revocations, expiries, grants and claim codes write their events with the change itself", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const rule = yield* define(org.id, { name: "First session", rule: { type: "session_count", threshold: 1 } })
      yield* record(org.id, "pm-1", "session_completed", "2026-03-01T12:00:00Z")
      const byHand = yield* define(org.id, { name: "By hand", validityDays: 1 })
      const awards = yield* Awards.Awards
      const manual = yield* awards.award({
        definitionId: byHand.id,
        recipient: Recipient.byId("pm-2"),
        awardedBy: "coordinator"
      })
      // Refused by the database (one live award per recipient): no event.
      yield* Effect.flip(awards.issue({ definitionId: byHand.id, recipient: Recipient.byId("pm-2"), awardedBy: "x" }, {
        allowDuplicates: false
      }))
      yield* awards.revoke(manual.id, "entered by mistake")
      const grants = yield* Grants.Grants
      const offered = yield* grants.offer({ definitionId: byHand.id, email: "kari@example.org", name: "Kari" })
      yield* grants.accept(offered.grant.id, offered.acceptKey)
      const codes = yield* ClaimCodes.ClaimCodes
      const { code } = yield* codes.create({ definitionId: rule.id, limit: 5 })
      yield* codes.redeem(code, Recipient.byId("pm-3"))
      yield* setNow("2026-03-20T12:00:00Z")
      yield* awards.expireDue
      const entries = yield* entriesOf(org.id)
      expect(entries.map((entry) => [entry.type, entry.orderingKey])).toEqual([
        ["badge.awarded", "id:pm-1"],
        ["badge.awarded", "id:pm-2"],
        ["badge.revoked", "id:pm-2"],
        ["grant.offered", "email:kari@example.org"],
        ["grant.accepted", "email:kari@example.org"],
        ["badge.awarded", "email:kari@example.org"],
        ["badge.awarded", "id:pm-3"],
        ["claim_code.redeemed", "id:pm-3"],
        ["badge.expired", "email:kari@example.org"]
      ])
      expect(entries[2]!.data).toMatchObject({
        award: { id: manual.id, recipient: { kind: "id", value: "pm-2" }, revocationReason: "entered by mistake" }
      })
      expect(JSON.stringify(entries)).not.toContain(Redacted.value(code))
      expect(JSON.stringify(entries)).not.toContain(Redacted.value(offered.acceptKey))
      expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length)
    }))

  it.effect("an embedded host reads the outbox as a Stream from its saved position, at least once", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const outbox = yield* Outbox.Outbox
      const consumer = uniqueId("host-app")
      yield* Effect.flatMap(
        OutboxStore,
        (store) => Effect.flatMap(tail, (at) => store.savePosition(consumer, at, DateTime.unsafeMake(0)))
      )
      const def = yield* define(org.id, { name: "First session", rule: { type: "session_count", threshold: 1 } })
      for (const recipient of ["pm-1", "pm-2", "pm-3"]) {
        yield* record(org.id, recipient, "session_completed", "2026-03-01T12:00:00Z")
      }
      const mine = (stream: Stream.Stream<OutboxEntry, unknown>) =>
        stream.pipe(Stream.filter((entry) => entry.organisationId === org.id))
      // Two read, only the first acknowledged, then the host stops.
      const first = Chunk.toArray(yield* Stream.runCollect(mine(outbox.events(consumer)).pipe(Stream.take(2))))
      expect(first.map((entry) => entry.orderingKey)).toEqual(["id:pm-1", "id:pm-2"])
      yield* outbox.acknowledge(consumer, first[0]!)
      // A restart reads again from the first entry not acknowledged.
      const seen: Array<string> = []
      yield* outbox.consume(consumer, (entry) =>
        Effect.sync(() => {
          if (entry.organisationId === org.id) seen.push(entry.orderingKey)
        })).pipe(
          Effect.raceFirst(Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 500)))),
          Effect.ignore
        )
      expect(seen).toEqual(["id:pm-2", "id:pm-3"])
      const entries = yield* entriesOf(org.id)
      expect(entries.map((entry) => (entry.data as { award: { definitionId: string } }).award.definitionId)).toEqual(
        [def.id, def.id, def.id]
      )
      expect(yield* outbox.position(consumer)).toBeGreaterThanOrEqual(entries.at(-1)!.position)
    }))
}
