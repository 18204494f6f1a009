import {
  Issuer,
  Organisation,
  Program,
  type ProgramId,
  type Stores,
  TenancyStore,
  Transactions
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { hoursAfter, newIssuer, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** The tenancy port: organisations, issuers and programs. */
export const organisations = (it: It) => {
  it.effect("creates, reads, lists and saves organisations", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation({ name: "NHF Oslo", timezone: "Europe/Oslo" })
      const read = yield* tenancy.getOrganisation(org.id)
      expect(Option.getOrThrow(read).name).toBe("NHF Oslo")
      expect(Option.getOrThrow(read).timezone).toBe("Europe/Oslo")
      const all = yield* tenancy.listOrganisations()
      expect(all.map((o) => o.id)).toContain(org.id)
      const updated = yield* tenancy.saveOrganisation(
        new Organisation({ ...org, name: "NHF Bergen", updatedAt: hoursAfter(1) })
      )
      expect(updated.name).toBe("NHF Bergen")
      expect(updated.timezone).toBe("Europe/Oslo")
      const reread = Option.getOrThrow(yield* tenancy.getOrganisation(org.id))
      expect(reread.name).toBe("NHF Bergen")
      expect(reread.updatedAt).toEqual(hoursAfter(1))
    }))

  it.effect("saving writes every field as given: an absent optional field is cleared", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation({ url: "https://nhf.example.org", email: "post@nhf.example.org" })
      const { url: _, ...rest } = org
      yield* tenancy.saveOrganisation(new Organisation({ ...rest, slug: `${org.slug}-renamed` }))
      const read = Option.getOrThrow(yield* tenancy.getOrganisation(org.id))
      expect(read.url).toBeUndefined()
      expect(read.email).toBe("post@nhf.example.org")
      expect(read.slug).toBe(`${org.slug}-renamed`)
    }))

  it.effect("refuses a second organisation with the same id, and a save to a slug already taken", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      const error = yield* Effect.flip(organisation({ id: org.id, slug: `${org.slug}-2` }))
      expect(error._tag).toBe("Conflict")
      const other = yield* organisation()
      const taken = yield* Effect.flip(tenancy.saveOrganisation(new Organisation({ ...other, slug: org.slug })))
      expect(taken._tag).toBe("Conflict")
    }))

  it.effect("answers none or NotFound for an unknown organisation", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const missing = yield* tenancy.getOrganisation("org-missing" as never)
      expect(Option.isNone(missing)).toBe(true)
      const error = yield* Effect.flip(tenancy.saveOrganisation(
        new Organisation({
          id: "org-missing" as never,
          slug: "org-missing",
          name: "x",
          timezone: "UTC",
          createdAt: t0,
          updatedAt: t0
        })
      ))
      expect(error._tag).toBe("NotFound")
    }))

  it.effect("keeps issuers and programs per organisation, with slugs unique per parent", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "mentors", "Mentors"))
      const program = yield* tenancy.createProgram(
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
      expect((yield* tenancy.listIssuers(org.id)).map((i) => i.id)).toEqual([issuer.id])
      expect((yield* tenancy.listPrograms(issuer.id)).map((p) => p.id)).toEqual([program.id])
      expect(Option.getOrThrow(yield* tenancy.getProgram(program.id)).issuerId).toBe(issuer.id)
      const renamed = yield* tenancy.saveIssuer(
        new Issuer({ ...issuer, description: "Peer mentors", updatedAt: hoursAfter(1) })
      )
      expect(renamed.description).toBe("Peer mentors")
      expect(renamed.slug).toBe("mentors")
      expect(Option.getOrThrow(yield* tenancy.getIssuer(issuer.id)).description).toBe("Peer mentors")
      const sameSlug = yield* Effect.flip(tenancy.createIssuer(newIssuer(org.id, "mentors", "Other")))
      expect(sameSlug._tag).toBe("Conflict")
      const updatedProgram = yield* tenancy.saveProgram(new Program({ ...program, name: "Autumn" }))
      expect(updatedProgram.name).toBe("Autumn")
      expect(Option.getOrThrow(yield* tenancy.getProgram(program.id)).name).toBe("Autumn")
      const missing = yield* Effect.flip(tenancy.saveIssuer(newIssuer(org.id, "nobody")))
      expect(missing._tag).toBe("NotFound")
    }))

  it.effect("reads for update inside a transaction", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "locked"))
      const [lockedOrg, lockedIssuer] = yield* Effect.flatMap(Transactions, (transactions) =>
        transactions.run(Effect.all([
          tenancy.getOrganisation(org.id, { forUpdate: true }),
          tenancy.getIssuer(issuer.id, { forUpdate: true })
        ])))
      expect(Option.getOrThrow(lockedOrg).id).toBe(org.id)
      expect(Option.getOrThrow(lockedIssuer).id).toBe(issuer.id)
    }))
}
