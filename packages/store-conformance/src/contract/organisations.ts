import { BadgeStore, Program, type ProgramId } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { hoursAfter, newIssuer, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<BadgeStore>

export const organisations = (it: It) => {
  it.effect("creates, reads, lists and updates organisations", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation({ name: "NHF Oslo", timezone: "Europe/Oslo" })
      const read = yield* store.getOrganisation(org.id)
      expect(Option.getOrThrow(read).name).toBe("NHF Oslo")
      expect(Option.getOrThrow(read).timezone).toBe("Europe/Oslo")
      const all = yield* store.listOrganisations()
      expect(all.map((o) => o.id)).toContain(org.id)
      const updated = yield* store.updateOrganisation(org.id, { name: "NHF Bergen" }, hoursAfter(1))
      expect(updated.name).toBe("NHF Bergen")
      expect(updated.timezone).toBe("Europe/Oslo")
      const reread = Option.getOrThrow(yield* store.getOrganisation(org.id))
      expect(reread.name).toBe("NHF Bergen")
      expect(reread.updatedAt).toEqual(hoursAfter(1))
    }))

  it.effect("refuses a second organisation with the same id", () =>
    Effect.gen(function*() {
      const org = yield* organisation()
      const error = yield* Effect.flip(organisation({ id: org.id, slug: `${org.slug}-2` }))
      expect(error._tag).toBe("Conflict")
    }))

  it.effect("answers none or NotFound for an unknown organisation", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const missing = yield* store.getOrganisation("org-missing" as never)
      expect(Option.isNone(missing)).toBe(true)
      const error = yield* Effect.flip(store.updateOrganisation("org-missing" as never, { name: "x" }, t0))
      expect(error._tag).toBe("NotFound")
    }))

  it.effect("keeps issuers and programs per organisation, with slugs unique per parent", () =>
    Effect.gen(function*() {
      const store = yield* BadgeStore
      const org = yield* organisation()
      const issuer = yield* store.createIssuer(newIssuer(org.id, "mentors", "Mentors"))
      const program = yield* store.createProgram(
        new Program({
          id: uniqueId("prg") as ProgramId,
          organisationId: org.id,
          issuerId: issuer.id,
          slug: "spring",
          name: "Spring",
          createdAt: t0,
          updatedAt: t0
        })
      )
      expect((yield* store.listIssuers(org.id)).map((i) => i.id)).toEqual([issuer.id])
      expect((yield* store.listPrograms(issuer.id)).map((p) => p.id)).toEqual([program.id])
      expect(Option.getOrThrow(yield* store.getProgram(program.id)).issuerId).toBe(issuer.id)
      const renamed = yield* store.updateIssuer(issuer.id, { description: "Peer mentors" }, hoursAfter(1))
      expect(renamed.description).toBe("Peer mentors")
      expect(renamed.slug).toBe("mentors")
      const sameSlug = yield* Effect.flip(store.createIssuer(newIssuer(org.id, "mentors", "Other")))
      expect(sameSlug._tag).toBe("Conflict")
      const updatedProgram = yield* store.updateProgram(program.id, { name: "Autumn" }, hoursAfter(1))
      expect(updatedProgram.name).toBe("Autumn")
    }))
}
