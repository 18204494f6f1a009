import type { Engine, Stores } from "@badge-engine/core"
import { Actor, Awards, Definitions, Grants, Organisations, Progress, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { define, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

const principal = (role: Actor.Principal["role"], organisationId?: string, subjectId?: string) =>
  new Actor.Principal({ role, organisationId: organisationId as never, subjectId, name: `${role}:test` })

export const policy = (it: It) => {
  it.effect("an actor bound to one organisation never reads or writes another's records", () =>
    Effect.gen(function*() {
      const mine = yield* setup()
      const theirs = yield* setup()
      const def = yield* define(theirs.id, { name: "Theirs" })
      const definitions = yield* Definitions.Definitions
      const admin = Actor.actingAs(principal("admin", mine.id))
      expect(yield* Effect.flip(admin(definitions.get(def.id)))).toMatchObject({ _tag: "NotFound" })
      expect(yield* Effect.flip(admin(definitions.update(def.id, { name: "Mine now" })))).toMatchObject({
        _tag: "NotFound"
      })
      expect(yield* Effect.flip(admin(definitions.remove(def.id)))).toMatchObject({ _tag: "NotFound" })
      expect(yield* Effect.flip(admin(definitions.list({ organisationId: theirs.id }, { page: 1, limit: 10 }))))
        .toMatchObject({ _tag: "Forbidden" })
      expect(yield* Effect.flip(admin(definitions.create({ organisationId: theirs.id, name: "Sneaky" }))))
        .toMatchObject({ _tag: "Forbidden" })
      const grants = yield* Grants.Grants
      expect(yield* Effect.flip(admin(grants.offer({ definitionId: def.id, email: "a@example.org" }))))
        .toMatchObject({ _tag: "NotFound" })
      const organisations = yield* Organisations.Organisations
      expect(yield* Effect.flip(admin(organisations.get(theirs.id)))).toMatchObject({ _tag: "NotFound" })
      expect((yield* admin(organisations.get(mine.id))).id).toBe(mine.id)
    }))

  it.effect("a bound actor's listings and creations default to its own organisation", () =>
    Effect.gen(function*() {
      const mine = yield* setup()
      const definitions = yield* Definitions.Definitions
      const admin = Actor.actingAs(principal("admin", mine.id))
      const made = yield* admin(definitions.create({ name: "Ours" }))
      expect(made.definition.organisationId).toBe(mine.id)
      const listed = yield* admin(definitions.list({}, { page: 1, limit: 10 }))
      expect(listed.items.map((view) => view.definition.id)).toEqual([made.definition.id])
    }))

  it.effect("Awards.issue is for admins of the definition's organisation; v1's award stays system only", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const other = yield* setup()
      const def = yield* define(org.id, { name: "Issued", unique: false })
      const awards = yield* Awards.Awards
      const admin = Actor.actingAs(principal("admin", org.id))
      const kari = { definitionId: def.id, recipient: new Recipient({ kind: "email", value: "kari@x.no" }) }
      expect(yield* Effect.flip(admin(awards.award({ ...kari, awardedBy: "a" })))).toMatchObject({
        _tag: "Forbidden"
      })
      const made = yield* admin(awards.issue({ ...kari, awardedBy: "a" }, {}))
      expect((yield* admin(awards.get(made.id))).id).toBe(made.id)
      yield* admin(awards.issue({ ...kari, awardedBy: "a" }, { allowDuplicates: true }))
      expect(yield* Effect.flip(admin(awards.issue({ ...kari, awardedBy: "a" }, { allowDuplicates: false }))))
        .toMatchObject({ _tag: "Conflict" })
      const coordinator = Actor.actingAs(principal("coordinator", org.id))
      expect(yield* Effect.flip(coordinator(awards.issue({ ...kari, awardedBy: "a" }, {})))).toMatchObject({
        _tag: "Forbidden"
      })
      const stranger = Actor.actingAs(principal("admin", other.id))
      expect(yield* Effect.flip(stranger(awards.issue({ ...kari, awardedBy: "a" }, {})))).toMatchObject({
        _tag: "NotFound"
      })
      expect(yield* Effect.flip(stranger(awards.get(made.id)))).toMatchObject({ _tag: "NotFound" })
    }))

  it.effect("roles follow the v1 table; system crosses organisations but must name one", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Table" })
      const definitions = yield* Definitions.Definitions
      const awards = yield* Awards.Awards
      const coordinator = Actor.actingAs(principal("coordinator", org.id))
      const mentor = Actor.actingAs(principal("peer_mentor", org.id, "pm-1"))
      const system = Actor.actingAs(principal("system"))
      expect(yield* Effect.flip(coordinator(definitions.create({ name: "No" })))).toMatchObject({
        _tag: "Forbidden",
        reason: "this requires the role admin; the API key is coordinator"
      })
      expect((yield* coordinator(definitions.get(def.id))).definition.id).toBe(def.id)
      expect(yield* Effect.flip(mentor(definitions.list({}, { page: 1, limit: 10 })))).toMatchObject({
        _tag: "Forbidden"
      })
      const manual = { definitionId: def.id, recipient: Recipient.byId("pm-1"), awardedBy: "system" }
      expect(yield* Effect.flip(Actor.actingAs(principal("admin", org.id))(awards.award(manual)))).toMatchObject({
        _tag: "Forbidden"
      })
      const made = yield* system(awards.award(manual))
      expect(yield* Effect.flip(system(awards.revoke(made.id, "no")))).toMatchObject({ _tag: "Forbidden" })
      expect(yield* Effect.flip(system(awards.forOrganisation({}, { page: 1, limit: 10 })))).toMatchObject({
        _tag: "InvalidInput",
        field: "organisationId"
      })
      expect((yield* system(awards.forOrganisation({ organisationId: org.id }, { page: 1, limit: 10 }))).total)
        .toBe(1)
      const progress = yield* Progress.Progress
      expect(yield* Effect.flip(mentor(progress.forRecipient(undefined, "pm-2")))).toMatchObject({
        _tag: "Forbidden",
        reason: "a peer mentor sees only its own progress"
      })
      expect((yield* mentor(progress.forRecipient(undefined, "pm-1"))).map((p) => p.earned)).toEqual([true])
    }))

  it.effect("no one (a server before credentials) may do anything, and a bound role without an organisation sees none", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Closed" })
      const definitions = yield* Definitions.Definitions
      const nobody = Actor.actingAs(Actor.anonymous)
      expect(yield* Effect.flip(nobody(definitions.get(def.id)))).toMatchObject({ _tag: "Forbidden" })
      expect(yield* Effect.flip(nobody(definitions.list({ organisationId: org.id }, { page: 1, limit: 10 }))))
        .toMatchObject({ _tag: "Forbidden" })
      const organisations = yield* Organisations.Organisations
      expect(yield* Effect.flip(nobody(organisations.get(org.id)))).toMatchObject({ _tag: "NotFound" })
      const unbound = Actor.actingAs(principal("admin"))
      expect(yield* Effect.flip(unbound(definitions.list({}, { page: 1, limit: 10 })))).toMatchObject({
        _tag: "Forbidden"
      })
      expect(yield* Effect.flip(unbound(definitions.get(def.id)))).toMatchObject({ _tag: "NotFound" })
    }))

  it.effect("grants are read and managed by admins only, and a missing role is refused before any record is read", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Offered" })
      const grants = yield* Grants.Grants
      const { grant } = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      const coordinator = Actor.actingAs(principal("coordinator", org.id))
      expect(yield* Effect.flip(coordinator(grants.get(grant.id)))).toMatchObject({ _tag: "Forbidden" })
      expect(yield* Effect.flip(coordinator(grants.get("grant-missing" as never)))).toMatchObject({ _tag: "Forbidden" })
      expect(yield* Effect.flip(coordinator(grants.list(def.id)))).toMatchObject({ _tag: "Forbidden" })
      expect((yield* Actor.actingAs(principal("admin", org.id))(grants.get(grant.id))).id).toBe(grant.id)
    }))

  it.effect("revoking a grant, pending or one that made an award, needs admin: a system key is refused", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const def = yield* define(org.id, { name: "Given" })
      const grants = yield* Grants.Grants
      const system = Actor.actingAs(principal("system"))
      const admin = Actor.actingAs(principal("admin", org.id))
      const pending = yield* grants.offer({ definitionId: def.id, email: "ola@example.org" })
      expect(yield* Effect.flip(system(grants.revoke(pending.grant.id)))).toMatchObject({ _tag: "Forbidden" })
      expect((yield* grants.get(pending.grant.id)).status).toBe("pending")
      const offered = yield* grants.offer({ definitionId: def.id, email: "kari@example.org" })
      yield* grants.accept(offered.grant.id, offered.acceptKey)
      expect(yield* Effect.flip(system(grants.revoke(offered.grant.id)))).toMatchObject({ _tag: "Forbidden" })
      expect((yield* grants.get(offered.grant.id)).status).toBe("processed")
      // System still offers and reads grants, by id and by serial.
      expect((yield* system(grants.get(pending.grant.id))).id).toBe(pending.grant.id)
      expect((yield* system(grants.getBySerial(offered.grant.serial))).id).toBe(offered.grant.id)
      expect((yield* admin(grants.revoke(offered.grant.id))).status).toBe("revoked")
      expect((yield* admin(grants.revoke(pending.grant.id))).status).toBe("revoked")
    }))
}
