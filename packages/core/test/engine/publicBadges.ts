/**
 * The public Open Badges records: what anyone may read of an award, its definition and its issuer, with no role.
 */
import { Actor, Awards, type Engine, Issuers, PublicBadges, Recipient, type Stores } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { define, setNow, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores | SqlClient.SqlClient>

/** Reads as a request with no credentials does: as no one. */
const anonymously = Actor.actingAs(Actor.anonymous)

export const publicBadges = (it: It) => {
  it.effect("an award is read by anyone with its badge, organisation and the issuer its definition names", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const issuer = yield* Effect.flatMap(
        Issuers.Issuers,
        (issuers) =>
          issuers.create({ organisationId: org.id, slug: "school", name: "School", url: "https://s.example" })
      )
      const def = yield* define(org.id, { name: "Reader", issuerId: issuer.id })
      const award = yield* Effect.flatMap(Awards.Awards, (awards) =>
        awards.award({
          definitionId: def.id,
          recipient: new Recipient({ kind: "email", value: "kari@example.com" }),
          awardedBy: "system"
        }))
      const records = yield* PublicBadges.PublicBadges
      const published = yield* records.award(award.id).pipe(anonymously)
      expect(published).toMatchObject({ status: "live", definition: { id: def.id }, organisation: { id: org.id } })
      expect(published.issuer).toMatchObject({ id: issuer.id, name: "School", url: "https://s.example" })
      expect((yield* records.badge(def.id).pipe(anonymously)).issuer.id).toBe(issuer.id)
      expect(yield* records.issuer(issuer.id).pipe(anonymously)).toMatchObject({ id: issuer.id, name: "School" })
    }))

  it.effect("a definition naming no issuer is issued by its organisation, whose profile is found by its id", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Org's own" })
      const records = yield* PublicBadges.PublicBadges
      const badge = yield* records.badge(def.id).pipe(anonymously)
      expect(badge.issuer).toMatchObject({ id: org.id, organisationId: org.id, name: "Scenario organisation" })
      expect(yield* records.issuer(org.id).pipe(anonymously)).toEqual(badge.issuer)
      expect((yield* Effect.flip(records.issuer("nobody")))._tag).toBe("NotFound")
      expect((yield* Effect.flip(records.badge("nothing")))._tag).toBe("NotFound")
      expect((yield* Effect.flip(records.award("nothing")))._tag).toBe("NotFound")
      // Strings no id can be are not asked of the store (Postgres text cannot hold a NUL).
      expect((yield* Effect.flip(records.award("award-\u0000")))._tag).toBe("NotFound")
      expect((yield* Effect.flip(records.issuer("x".repeat(101))))._tag).toBe("NotFound")
    }))

  it.effect("an award reads revoked once revoked, expired once past its expiry, revoked winning over expired", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Short", validityDays: 1 })
      const awards = yield* Awards.Awards
      const give = (value: string) =>
        awards.award({ definitionId: def.id, recipient: Recipient.byId(value), awardedBy: "system" })
      const kept = yield* give("pm-1")
      const revoked = yield* give("pm-2")
      yield* awards.revoke(revoked.id, "mistake")
      const records = yield* PublicBadges.PublicBadges
      expect((yield* records.award(kept.id)).status).toBe("live")
      expect((yield* records.award(revoked.id)).award.revocationReason).toBe("mistake")
      yield* setNow("2026-03-12T12:00:00Z")
      expect((yield* records.award(kept.id)).status).toBe("expired")
      expect((yield* records.award(revoked.id)).status).toBe("revoked")
    }))
}
