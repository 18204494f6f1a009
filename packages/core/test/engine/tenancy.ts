import type { Engine, Stores } from "@badge-engine/core"
import { Actor, Issuers, Organisations } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { define, setup } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores>

export const tenancy = (it: It) => {
  it.effect("an organisation's profile is patched: absent fields stay, a taken slug is a conflict", () =>
    Effect.gen(function*() {
      const org = yield* setup("Europe/Oslo")
      const other = yield* setup()
      const organisations = yield* Organisations.Organisations
      const renamed = yield* organisations.update(org.id, { name: "NHF Bergen" })
      expect(renamed).toMatchObject({ name: "NHF Bergen", timezone: "Europe/Oslo", slug: org.slug })
      expect(yield* Effect.flip(organisations.update(org.id, { slug: other.slug }))).toMatchObject({ _tag: "Conflict" })
      expect(yield* Effect.flip(organisations.update(org.id, { timezone: "Mars/Olympus" }))).toMatchObject({
        _tag: "InvalidInput",
        field: "timezone"
      })
    }))

  it.effect("issuers and programs are made, read and updated within their organisation", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const other = yield* setup()
      const issuers = yield* Issuers.Issuers
      const issuer = yield* issuers.create({ organisationId: org.id, slug: "nhf", name: "NHF" })
      const program = yield* issuers.createProgram({
        organisationId: org.id,
        issuerId: issuer.id,
        slug: "mentoring",
        name: "Mentoring"
      })
      expect((yield* issuers.listPrograms(issuer.id)).map((p) => p.id)).toEqual([program.id])
      const updated = yield* issuers.update(issuer.id, { description: "Peer mentoring", url: "https://nhf.example" })
      expect(updated).toMatchObject({ name: "NHF", description: "Peer mentoring", url: "https://nhf.example" })
      expect(
        yield* Effect.flip(issuers.createProgram({
          organisationId: other.id,
          issuerId: issuer.id,
          slug: "stolen",
          name: "Stolen"
        }))
      ).toMatchObject({ _tag: "InvalidInput", field: "issuerId" })
      const def = yield* define(org.id, { name: "Issued", issuerId: issuer.id, programId: program.id })
      expect(def).toMatchObject({ issuerId: issuer.id, programId: program.id })
      const outsider = Actor.actingAs(
        new Actor.Principal({ role: "admin", organisationId: other.id, name: "admin:other" })
      )
      expect(yield* Effect.flip(outsider(issuers.get(issuer.id)))).toMatchObject({ _tag: "NotFound" })
      expect(yield* Effect.flip(outsider(issuers.update(issuer.id, { name: "Mine" })))).toMatchObject({
        _tag: "NotFound"
      })
      expect(yield* Effect.flip(outsider(issuers.create({ organisationId: org.id, slug: "x", name: "X" }))))
        .toMatchObject({ _tag: "NotFound" })
    }))
}
