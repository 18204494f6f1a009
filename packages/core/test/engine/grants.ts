import type { Engine, Stores } from "@badge-engine/core"
import { Awards, Grants, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Either, Redacted } from "effect"
import { define, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const grants = (it: It) => {
  it.effect("a second offer to the same person while one is pending returns the pending one, key and all", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Speaker" })
      const grants = yield* Grants.Grants
      const first = yield* grants.offer({ definitionId: def.id, email: "Kari@example.org", name: "Kari" })
      const second = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      expect(first.created).toBe(true)
      expect(first.grant.status).toBe("pending")
      expect(second.created).toBe(false)
      expect(second.grant.id).toBe(first.grant.id)
      expect(Redacted.value(second.acceptKey)).toBe(Redacted.value(first.acceptKey))
      expect(Redacted.value(first.acceptKey).length).toBeGreaterThanOrEqual(43)
    }))

  it.effect("accepting with the key makes the award once; then the grant is processed and a new offer a conflict", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Speaker", validityDays: 10 })
      const grants = yield* Grants.Grants
      const { grant } = yield* grants.offer({
        definitionId: def.id,
        profileUri: "https://social.example/@kari",
        name: "Kari",
        evidence: "Gave the keynote"
      })
      const wrongKey = yield* Effect.flip(grants.accept(grant.id, Redacted.make("not-the-key")))
      expect(wrongKey._tag).toBe("NotFound")
      expect((yield* Effect.flip(grants.open(grant.id, Redacted.make("not-the-key"))))._tag).toBe("NotFound")
      const opened = yield* grants.open(grant.id, grant.acceptKey)
      expect(opened.definition.id).toBe(def.id)
      const accepted = yield* grants.accept(grant.id, grant.acceptKey)
      expect(accepted.grant).toMatchObject({ status: "processed", awardId: accepted.award.id })
      expect(accepted.award).toMatchObject({ source: "grant", grantId: grant.id, narrative: "Gave the keynote" })
      expect(accepted.award.recipient).toMatchObject({ kind: "profile", value: "https://social.example/@kari" })
      expect(accepted.award.expiresAt).toBeDefined()
      const again = yield* Effect.flip(grants.accept(grant.id, grant.acceptKey))
      expect(again).toMatchObject({ _tag: "Conflict", reason: "the grant is processed" })
      expect((yield* Effect.flip(grants.revoke(grant.id)))._tag).toBe("Conflict")
      const reoffer = yield* Effect.flip(
        grants.offer({ definitionId: def.id, profileUri: "https://social.example/@kari" })
      )
      expect(reoffer._tag).toBe("Conflict")
    }))

  it.effect("a revoked grant cannot be accepted, and an unknown one is not found", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Helper" })
      const grants = yield* Grants.Grants
      const { grant } = yield* grants.offer({ definitionId: def.id, email: "ola@example.org" })
      expect((yield* grants.revoke(grant.id)).status).toBe("revoked")
      expect(yield* Effect.flip(grants.accept(grant.id, grant.acceptKey))).toMatchObject({ _tag: "Conflict" })
      const missing = yield* Effect.flip(grants.get("grant-missing" as never))
      expect(missing._tag).toBe("NotFound")
    }))

  it.effect("an offer names a person and an active definition", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Old", active: false })
      const grants = yield* Grants.Grants
      expect(yield* Effect.flip(grants.offer({ definitionId: def.id }))).toMatchObject({
        _tag: "InvalidInput",
        field: "email"
      })
      expect(yield* Effect.flip(grants.offer({ definitionId: def.id, email: "not-an-email" }))).toMatchObject({
        _tag: "InvalidInput",
        field: "email"
      })
      expect((yield* Effect.flip(grants.offer({ definitionId: def.id, email: "a@example.org" })))._tag).toBe(
        "DefinitionInactive"
      )
    }))

  it.effect("twenty accepts of one grant at once make one award", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Race", unique: false })
      const grants = yield* Grants.Grants
      const { grant } = yield* grants.offer({ definitionId: def.id, email: "race@example.org" })
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.either(grants.accept(grant.id, grant.acceptKey))),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight)).toHaveLength(1)
      const awards = yield* Awards.Awards
      const made = yield* awards.forRecipient(
        new Recipient({ kind: "email", value: "race@example.org" }),
        { organisationId: org.id },
        { page: 1, limit: 100 }
      )
      expect(made.total).toBe(1)
    }))

  it.effect("offers racing an acceptance never make a second grant to the person", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Contested", unique: false })
      const grants = yield* Grants.Grants
      const { grant } = yield* grants.offer({ definitionId: def.id, email: "race@example.org" })
      yield* Effect.all([
        Effect.either(grants.accept(grant.id, grant.acceptKey)),
        ...Array.from({ length: 10 }, () =>
          Effect.either(grants.offer({ definitionId: def.id, email: "race@example.org" })))
      ], { concurrency: "unbounded" })
      expect((yield* grants.list(def.id)).map((g) =>
        g.id
      )).toEqual([grant.id])
    }))
}
