import type { Engine, Stores } from "@badge-engine/core"
import {
  AcceptKeys,
  Awards,
  BadgeEvents,
  GrantNotifier,
  Grants,
  GrantStore,
  Recipient,
  ServerSecrets
} from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { expect, type Vitest } from "@effect/vitest"
import { Chunk, Effect, Either, HashMap, Logger, Option, Redacted, Stream } from "effect"
import { type Notices, noticesOf } from "./notices.js"
import { define, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores | SqlClient.SqlClient | Notices>

/** Every value of the rows, as text. */
const valuesOf = (rows: ReadonlyArray<Record<string, unknown>>) =>
  rows.flatMap((row) => Object.values(row).map((value) => String(value)))

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
      const { acceptKey, grant } = yield* grants.offer({
        definitionId: def.id,
        profileUri: "https://social.example/@kari",
        name: "Kari",
        evidence: "Gave the keynote"
      })
      const wrongKey = yield* Effect.flip(grants.accept(grant.id, Redacted.make("not-the-key")))
      expect(wrongKey._tag).toBe("NotFound")
      expect((yield* Effect.flip(grants.open(grant.id, Redacted.make("not-the-key"))))._tag).toBe("NotFound")
      const opened = yield* grants.open(grant.id, acceptKey)
      expect(opened.definition.id).toBe(def.id)
      const accepted = yield* grants.accept(grant.id, acceptKey)
      expect(accepted.grant).toMatchObject({ status: "processed", awardId: accepted.award.id })
      expect(accepted.award).toMatchObject({ source: "grant", grantId: grant.id, narrative: "Gave the keynote" })
      expect(accepted.award.recipient).toMatchObject({ kind: "profile", value: "https://social.example/@kari" })
      expect(accepted.award.expiresAt).toBeDefined()
      const again = yield* Effect.flip(grants.accept(grant.id, acceptKey))
      expect(again).toMatchObject({ _tag: "Conflict", reason: "the grant is processed" })
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
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "ola@example.org" })
      expect((yield* grants.revoke(grant.id)).status).toBe("revoked")
      expect(yield* Effect.flip(grants.accept(grant.id, acceptKey))).toMatchObject({ _tag: "Conflict" })
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
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "race@example.org" })
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.either(grants.accept(grant.id, acceptKey))),
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
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "race@example.org" })
      yield* Effect.all([
        Effect.either(grants.accept(grant.id, acceptKey)),
        ...Array.from({ length: 10 }, () =>
          Effect.either(grants.offer({ definitionId: def.id, email: "race@example.org" })))
      ], { concurrency: "unbounded" })
      expect((yield* grants.list(def.id)).map((g) =>
        g.id
      )).toEqual([grant.id])
    }))

  it.effect("the accept key is stored nowhere: not in the grant's row, not in a server secret, not in a read", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Keyless" })
      const grants = yield* Grants.Grants
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      const key = Redacted.value(acceptKey)
      const sql = yield* SqlClient.SqlClient
      const row = yield* sql<Record<string, unknown>>`SELECT * FROM badge_engine_grants WHERE id = ${grant.id}`
      expect(row).toHaveLength(1)
      expect(valuesOf(row).filter((value) => value.includes(key))).toEqual([])
      expect(row[0]!.accept_key).toBe(grant.id)
      const secrets = yield* sql<Record<string, unknown>>`SELECT * FROM badge_engine_server_secrets`
      expect(secrets.length).toBeGreaterThan(0)
      expect(valuesOf(secrets).filter((value) => value.includes(key))).toEqual([])
      const stored = Option.getOrThrow(yield* (yield* GrantStore).get(grant.id))
      const reads = [stored, yield* grants.get(grant.id), ...(yield* grants.list(def.id))]
      expect(reads.filter((read) => JSON.stringify(read).includes(key))).toEqual([])
      expect(reads.filter((read) => "acceptKey" in read)).toEqual([])
    }))

  it.effect("a key works after the secret is rotated and stops working when its secret is retired", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Rotated" })
      const grants = yield* Grants.Grants
      const secrets = yield* ServerSecrets.ServerSecrets
      const offer = { definitionId: def.id, email: "kari@example.org" }
      const { acceptKey, grant } = yield* grants.offer(offer)
      const before = yield* secrets.current(AcceptKeys.purpose)
      const rotated = yield* secrets.rotate(AcceptKeys.purpose)
      expect(rotated.generation).toBe(before.generation + 1)
      expect((yield* secrets.current(AcceptKeys.purpose)).id).toBe(rotated.id)
      expect((yield* grants.open(grant.id, acceptKey)).grant.id).toBe(grant.id)
      // Offered again, the grant shows its key under the current secret; both keys work until one is retired.
      const again = yield* grants.offer(offer)
      expect(again.created).toBe(false)
      expect(Redacted.value(again.acceptKey)).not.toBe(Redacted.value(acceptKey))
      expect((yield* grants.open(grant.id, again.acceptKey)).grant.id).toBe(grant.id)
      expect((yield* secrets.retire(before.id)).retiredAt).toBeDefined()
      expect((yield* Effect.flip(grants.open(grant.id, acceptKey)))._tag).toBe("NotFound")
      expect((yield* Effect.flip(grants.accept(grant.id, acceptKey)))._tag).toBe("NotFound")
      expect((yield* grants.accept(grant.id, again.acceptKey)).grant.status).toBe("processed")
      expect((yield* Effect.flip(secrets.retire(before.id)))._tag).toBe("Conflict")
    }))

  it.effect("a hundred identical offers at once make one grant, all with the same key, notified once", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Crowded" })
      const grants = yield* Grants.Grants
      const offers = yield* Effect.all(
        Array.from({ length: 100 }, () => grants.offer({ definitionId: def.id, email: "crowd@example.org" })),
        { concurrency: "unbounded" }
      )
      expect(offers.filter((offer) => offer.created)).toHaveLength(1)
      expect(new Set(offers.map((offer) => offer.grant.id)).size).toBe(1)
      expect(new Set(offers.map((offer) => Redacted.value(offer.acceptKey))).size).toBe(1)
      expect(yield* grants.list(def.id)).toHaveLength(1)
      expect(yield* noticesOf(def.id)).toHaveLength(1)
    }))

  it.effect("revoking a processed grant revokes its award, and every step is published without the key", () =>
    Effect.scoped(Effect.gen(function*() {
      const subscription = yield* (yield* BadgeEvents).subscribe
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Withdrawn" })
      const grants = yield* Grants.Grants
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      const { award } = yield* grants.accept(grant.id, acceptKey)
      const revoked = yield* grants.revoke(grant.id)
      expect(revoked).toMatchObject({ status: "revoked", awardId: award.id })
      const awards = yield* Awards.Awards
      const recipient = new Recipient({ kind: "email", value: "kari@example.org" })
      expect(Option.isNone(yield* awards.findLive(def.id, recipient))).toBe(true)
      const all = yield* awards.forRecipient(recipient, { organisationId: org.id, includeInactive: true }, {
        page: 1,
        limit: 10
      })
      expect(all.items.map((a) => [a.id, a.revocationReason])).toEqual([[award.id, "grant revoked"]])
      expect(yield* Effect.flip(grants.revoke(grant.id))).toMatchObject({
        _tag: "Conflict",
        reason: "the grant is revoked"
      })
      const seen = Chunk.toArray(
        yield* subscription.pipe(
          Stream.filter((e) => "grant" in e ? e.grant.id === grant.id : e.award.grantId === grant.id),
          Stream.take(5),
          Stream.runCollect
        )
      )
      expect(seen.map((e) => e._tag)).toEqual([
        "GrantOffered",
        "GrantAccepted",
        "BadgeAwarded",
        "GrantRevoked",
        "BadgeRevoked"
      ])
      expect(seen.filter((e) => JSON.stringify(e).includes(Redacted.value(acceptKey)))).toEqual([])
    })))

  it.effect("revoking a grant whose award was revoked on its own revokes the grant only", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Twice withdrawn" })
      const grants = yield* Grants.Grants
      const { acceptKey, grant } = yield* grants.offer({ definitionId: def.id, email: "ola@example.org" })
      const { award } = yield* grants.accept(grant.id, acceptKey)
      yield* (yield* Awards.Awards).revoke(award.id, "given by mistake")
      expect((yield* grants.revoke(grant.id)).status).toBe("revoked")
      const recipient = new Recipient({ kind: "email", value: "ola@example.org" })
      const all = yield* (yield* Awards.Awards).forRecipient(
        recipient,
        { organisationId: org.id, includeInactive: true },
        { page: 1, limit: 10 }
      )
      expect(all.items.map((a) => a.revocationReason)).toEqual(["given by mistake"])
    }))

  it.effect("the notifier is told once per grant created, with the key the offer shows; its failure fails no offer", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Announced" })
      const grants = yield* Grants.Grants
      const kari = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      const ola = yield* grants.offer({ definitionId: def.id, profileUri: "https://social.example/@ola" })
      const lost = yield* grants.offer({ definitionId: def.id, email: "lost@unreachable.example" })
      expect(lost.created).toBe(true)
      const notices = yield* noticesOf(def.id)
      expect(notices.map((notice) => notice.grant.id)).toEqual([kari.grant.id, ola.grant.id, lost.grant.id])
      expect(notices.map((notice) => Redacted.value(notice.acceptKey))).toEqual(
        [kari, ola, lost].map((offer) => Redacted.value(offer.acceptKey))
      )
      expect(notices[0]!.definition.id).toBe(def.id)
    }))

  it.effect("the default notifier logs the grant offered, its id and recipient, and never the key", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const definition = yield* define(org.id, { name: "Logged" })
      const lines: Array<string> = []
      const capture = Logger.make(({ annotations, message }) => {
        lines.push(JSON.stringify({ message, annotations: Object.fromEntries(HashMap.toEntries(annotations)) }))
      })
      const acceptKey = Redacted.make("the-secret-accept-key")
      const grant = { id: "grant-logged", email: "kari@example.org" } as never
      yield* GrantNotifier.log.notify({ grant, definition, acceptKey }).pipe(Effect.provide(Logger.add(capture)))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain("grant offered")
      expect(lines[0]).toContain("grant-logged")
      expect(lines[0]).toContain("kari@example.org")
      expect(lines[0]).not.toContain("the-secret-accept-key")
    }))
}
