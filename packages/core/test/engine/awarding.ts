import type { Engine, Stores } from "@badge-engine/core"
import { Actor, Awards, BadgeEvents, Definitions, Evidence, isAwardEvent, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Chunk, DateTime, Effect, Stream } from "effect"
import { define, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const awarding = (it: It) => {
  it.effect("awards by hand with evidence and the definition's validity period", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Mentor of the month", validityDays: 30 })
      const awards = yield* Awards.Awards
      const award = yield* awards.award({
        definitionId: def.id,
        recipient: Recipient.byId("pm-1"),
        awardedBy: "admin-1",
        evidence: [new Evidence({ narrative: "Helped five new mentors" })],
        narrative: "Thank you"
      })
      expect(award).toMatchObject({ source: "manual", awardedBy: "admin-1", narrative: "Thank you" })
      expect(award.expiresAt).toEqual(DateTime.unsafeMake("2026-04-09T12:00:00Z"))
      const explicit = yield* awards.award({
        definitionId: def.id,
        recipient: Recipient.byId("pm-2"),
        awardedBy: "admin-1",
        expiresAt: DateTime.unsafeMake("2026-03-11T00:00:00Z")
      })
      expect(explicit.expiresAt).toEqual(DateTime.unsafeMake("2026-03-11T00:00:00Z"))
      const twice = yield* Effect.flip(awards.award({
        definitionId: def.id,
        recipient: Recipient.byId("pm-1"),
        awardedBy: "admin-1"
      }))
      expect(twice._tag).toBe("Conflict")
    }))

  it.effect("revoking and expiring publish their events; an expired award is not live", () =>
    Effect.scoped(Effect.gen(function*() {
      const events = yield* BadgeEvents
      const subscription = yield* events.subscribe
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Short lived", validityDays: 1, unique: false })
      const awards = yield* Awards.Awards
      const revoked = yield* awards.award({ definitionId: def.id, recipient: Recipient.byId("pm-1"), awardedBy: "a" })
      const expiring = yield* awards.award({
        definitionId: def.id,
        recipient: Recipient.byId("pm-2"),
        awardedBy: "a"
      })
      const gone = yield* awards.revoke(revoked.id, "given by mistake")
      expect(gone.revocationReason).toBe("given by mistake")
      yield* setNow("2026-03-12T12:00:00Z")
      const expired = yield* awards.expireDue
      expect(expired.map((a) => a.id)).toContain(expiring.id)
      expect(expired.map((a) => a.id)).not.toContain(revoked.id)
      expect(expiring.isLiveAt(yield* DateTime.now)).toBe(false)
      const seen = yield* subscription.pipe(
        Stream.filter(isAwardEvent),
        Stream.filter((e) => e.award.organisationId === org.id),
        Stream.take(4),
        Stream.runCollect
      )
      expect(Chunk.toArray(seen).map((e) => e._tag)).toEqual([
        "BadgeAwarded",
        "BadgeAwarded",
        "BadgeRevoked",
        "BadgeExpired"
      ])
    })))

  it.effect("refuses a manual award of an archived definition", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Old", active: false })
      const awards = yield* Awards.Awards
      const error = yield* Effect.flip(
        awards.award({ definitionId: def.id, recipient: Recipient.byId("x"), awardedBy: "a" })
      )
      expect(error._tag).toBe("DefinitionInactive")
    }))

  it.effect("anyone may view an award: its badge, the recipient's name and state, never an email or host id", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Public speaker", validityDays: 1, unique: false })
      const awards = yield* Awards.Awards
      const byEmail = yield* awards.award({
        definitionId: def.id,
        recipient: new Recipient({ kind: "email", value: "kari@example.org", name: "Kari" }),
        awardedBy: "admin-1",
        narrative: "Private note"
      })
      const byProfile = yield* awards.award({
        definitionId: def.id,
        recipient: new Recipient({ kind: "profile", value: "https://social.example/@ola" }),
        awardedBy: "admin-1"
      })
      const byId = yield* awards.award({ definitionId: def.id, recipient: Recipient.byId("pm-1"), awardedBy: "a" })
      const anyone = Actor.actingAs(Actor.anonymous)
      const seen = yield* anyone(awards.view(byEmail.id))
      expect(seen).toMatchObject({
        id: byEmail.id,
        organisationId: org.id,
        recipientName: "Kari",
        recipientProfile: undefined,
        awardedAt: byEmail.awardedAt,
        expiresAt: byEmail.expiresAt,
        status: "live"
      })
      expect(seen.definition.name).toBe("Public speaker")
      expect(JSON.stringify(seen)).not.toContain("kari@example.org")
      expect(JSON.stringify(seen)).not.toContain("Private note")
      expect(yield* anyone(awards.view(byProfile.id))).toMatchObject({
        recipientName: undefined,
        recipientProfile: "https://social.example/@ola"
      })
      expect(JSON.stringify(yield* anyone(awards.view(byId.id)))).not.toContain("pm-1")
      yield* awards.revoke(byProfile.id, "given by mistake")
      expect((yield* anyone(awards.view(byProfile.id))).status).toBe("revoked")
      yield* setNow("2026-03-12T12:00:00Z")
      expect((yield* anyone(awards.view(byEmail.id))).status).toBe("expired")
      yield* Effect.flatMap(Definitions.Definitions, (definitions) => definitions.remove(def.id))
      expect((yield* anyone(awards.view(byEmail.id))).definition.name).toBe("Public speaker")
      expect(yield* Effect.flip(anyone(awards.view("award-missing" as never)))).toMatchObject({ _tag: "NotFound" })
    }))
}
