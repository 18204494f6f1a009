import {
  BadgeDefinition,
  DefinitionStore,
  Issuer,
  type IssuerId,
  Organisation,
  type OrganisationId,
  Program,
  type ProgramId,
  type Stores,
  TenancyStore,
  Transactions
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { award, definition, hoursAfter, newIssuer, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** A new program of an issuer, stored. */
const program = (organisationId: OrganisationId, issuerId: IssuerId, slug = "spring") =>
  Effect.flatMap(TenancyStore, (tenancy) =>
    tenancy.createProgram(
      new Program({
        id: uniqueId("prg") as ProgramId,
        organisationId,
        issuerId,
        slug,
        name: "Spring",
        createdAt: t0,
        updatedAt: t0
      })
    ))

/** A definition marked deleted, as a delete of one with awards leaves it. */
const markDeleted = (found: BadgeDefinition) =>
  Effect.flatMap(DefinitionStore, (store) =>
    store.save(
      new BadgeDefinition({
        ...found,
        deletedAt: hoursAfter(1)
      })
    ))

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

  it.effect("removes an empty program, issuer and organisation, answering each as it was; then none is found", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "gone"))
      const made = yield* program(org.id, issuer.id)
      expect((yield* tenancy.removeProgram(made.id)).slug).toBe("spring")
      expect(Option.isNone(yield* tenancy.getProgram(made.id))).toBe(true)
      expect((yield* tenancy.removeIssuer(issuer.id)).id).toBe(issuer.id)
      expect(Option.isNone(yield* tenancy.getIssuer(issuer.id))).toBe(true)
      expect((yield* tenancy.removeOrganisation(org.id)).slug).toBe(org.slug)
      expect(Option.isNone(yield* tenancy.getOrganisation(org.id))).toBe(true)
      expect((yield* Effect.flip(tenancy.removeOrganisation(org.id)))._tag).toBe("NotFound")
      expect((yield* Effect.flip(tenancy.removeIssuer(issuer.id)))._tag).toBe("NotFound")
      expect((yield* Effect.flip(tenancy.removeProgram(made.id)))._tag).toBe("NotFound")
    }))

  it.effect("refuses to remove what has records under it, counting them; deleted definitions with awards count", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "busy"))
      const made = yield* program(org.id, issuer.id)
      const archived = yield* definition(org.id, { issuerId: issuer.id, programId: made.id })
      const store = yield* DefinitionStore
      yield* award(archived, "earner-1")
      yield* store.save(new BadgeDefinition({ ...archived, archivedAt: t0 }))
      const refused = yield* Effect.flip(tenancy.removeProgram(made.id))
      expect(refused).toMatchObject({ _tag: "Conflict", dependents: { badges: 1, awards: 1 } })
      expect(yield* Effect.flip(tenancy.removeIssuer(issuer.id))).toMatchObject({
        _tag: "Conflict",
        dependents: { programs: 1, badges: 1 }
      })
      expect(yield* Effect.flip(tenancy.removeOrganisation(org.id))).toMatchObject({
        _tag: "Conflict",
        dependents: { issuers: 1, badges: 1 }
      })
      expect(Option.isSome(yield* tenancy.getProgram(made.id))).toBe(true)

      // Deleted but awarded: the award keeps it, and so its program.
      yield* markDeleted(archived)
      expect(yield* Effect.flip(tenancy.removeProgram(made.id))).toMatchObject({
        _tag: "Conflict",
        dependents: { deletedBadges: 1, awards: 1 }
      })
      expect(Option.isSome(yield* store.get(archived.id))).toBe(true)
    }))

  it.effect("a definition deleted with nothing referring to it goes with its program", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "tidy"))
      const made = yield* program(org.id, issuer.id)
      const removed = yield* definition(org.id, { issuerId: issuer.id, programId: made.id })
      yield* markDeleted(removed)
      yield* tenancy.removeProgram(made.id)
      expect(Option.isNone(yield* store.get(removed.id))).toBe(true)
      yield* tenancy.removeIssuer(issuer.id)
      yield* tenancy.removeOrganisation(org.id)
    }))

  it.effect("a removal racing definition creates under the program leaves no definition without its program", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const store = yield* DefinitionStore
      const org = yield* organisation()
      const issuer = yield* tenancy.createIssuer(newIssuer(org.id, "raced"))
      const made = yield* program(org.id, issuer.id)
      const creates = Array.from(
        { length: 5 },
        (_, i) => Effect.either(definition(org.id, { issuerId: issuer.id, programId: made.id, slug: `raced-${i}` }))
      )
      const [removed, ...created] = yield* Effect.all([Effect.either(tenancy.removeProgram(made.id)), ...creates], {
        concurrency: "unbounded"
      })
      const stored = created.filter((result) => result._tag === "Right")
      const programLeft = Option.isSome(yield* tenancy.getProgram(made.id))
      expect(programLeft).toBe(removed!._tag === "Left")
      if (!programLeft) expect(stored).toEqual([])
      for (const result of stored) {
        if (result._tag === "Right") {
          expect(Option.getOrThrow(yield* store.get(result.right.id)).programId).toBe(made.id)
        }
      }
    }))
}
