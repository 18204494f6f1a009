/**
 * Issuers: who stands behind a badge inside an organisation, and the programs under them.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { type Conflict, type Forbidden, InvalidInput, NotFound, type StoreError } from "../Errors.js"
import type { IdGenerator, IssuerId, OrganisationId, ProgramId } from "../Ids.js"
import type { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import { Issuer, NewIssuer, NewProgram, type ProfilePatch, Program } from "./Issuer.js"
import * as Profiles from "./Profiles.js"
import * as TenancyPolicy from "./TenancyPolicy.js"
import { TenancyStore } from "./TenancyStore.js"

type Failure = InvalidInput | NotFound | Conflict | Forbidden | StoreError

/** The issuers and programs service. */
export class Issuers extends Context.Tag("@badge-engine/core/Issuers")<Issuers, {
  /** Creates an issuer in an organisation (an admin's own); its slug is unique there. */
  readonly create: (input: typeof NewIssuer.Encoded) => Effect.Effect<Issuer, Failure>
  /** An issuer of the actor's organisation (or any, for an actor that crosses organisations). */
  readonly get: (id: IssuerId) => Effect.Effect<Issuer, NotFound | StoreError>
  /** An issuer of an organisation by its slug (unique there). */
  readonly getBySlug: (organisationId: OrganisationId, slug: string) => Effect.Effect<Issuer, NotFound | StoreError>
  /** An organisation's issuers, by slug. */
  readonly list: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<Issuer>, NotFound | StoreError>
  /** A partial update of an issuer's profile: absent fields stay, `null` clears. */
  readonly update: (id: IssuerId, patch: typeof ProfilePatch.Encoded) => Effect.Effect<Issuer, Failure>
  /** Removes an issuer with no programs, badge definitions or awards under it; otherwise a `Conflict`. */
  readonly remove: (id: IssuerId) => Effect.Effect<Issuer, NotFound | Conflict | Forbidden | StoreError>
  /** Creates a program under an issuer of the same organisation. */
  readonly createProgram: (input: typeof NewProgram.Encoded) => Effect.Effect<Program, Failure>
  /** A program, as `get` reads an issuer. */
  readonly getProgram: (id: ProgramId) => Effect.Effect<Program, NotFound | StoreError>
  /** A program of an issuer by its slug (unique there). */
  readonly getProgramBySlug: (issuerId: IssuerId, slug: string) => Effect.Effect<Program, NotFound | StoreError>
  /** An issuer's programs, by slug. */
  readonly listPrograms: (issuerId: IssuerId) => Effect.Effect<ReadonlyArray<Program>, NotFound | StoreError>
  /** A partial update of a program's profile. */
  readonly updateProgram: (id: ProgramId, patch: typeof ProfilePatch.Encoded) => Effect.Effect<Program, Failure>
  /** Removes a program with no badge definitions or awards under it; otherwise a `Conflict`. */
  readonly removeProgram: (id: ProgramId) => Effect.Effect<Program, NotFound | Conflict | Forbidden | StoreError>
}>() {}

/** Builds the Issuers service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* TenancyStore
  const issuers = yield* Profiles.operations<Issuer, IssuerId>({
    entity: "issuer",
    idPrefix: "iss",
    make: (fields) => new Issuer(fields, { disableValidation: true }),
    get: store.getIssuer,
    create: store.createIssuer,
    save: store.saveIssuer,
    remove: store.removeIssuer
  })
  const programs = yield* Profiles.operations<Program, ProgramId>({
    entity: "program",
    idPrefix: "prg",
    make: (fields) => new Program(fields, { disableValidation: true }),
    get: store.getProgram,
    create: store.createProgram,
    save: store.saveProgram,
    remove: store.removeProgram
  })

  const list = (organisationId: OrganisationId) =>
    TenancyPolicy.visible(organisationId, "organisation", organisationId).pipe(
      Effect.zipRight(store.listIssuers(organisationId))
    )
  const listPrograms = (issuerId: IssuerId) => Effect.zipRight(issuers.get(issuerId), store.listPrograms(issuerId))
  // An organisation has few issuers and an issuer few programs: found in their listing.
  const bySlug = <A extends { readonly slug: string }>(entity: string, slug: string) => (all: ReadonlyArray<A>) =>
    Effect.fromNullable(all.find((found) => found.slug === slug)).pipe(
      Effect.mapError(() => new NotFound({ entity, id: slug }))
    )

  return Issuers.of({
    create: (raw) => Effect.flatMap(decode(NewIssuer)(raw), issuers.create),
    get: issuers.get,
    getBySlug: (organisationId, slug) => Effect.flatMap(list(organisationId), bySlug("issuer", slug)),
    list,
    update: issuers.update,
    remove: issuers.remove,
    createProgram: (raw) =>
      Effect.gen(function*() {
        const input = yield* decode(NewProgram)(raw)
        const issuer = yield* issuers.get(input.issuerId)
        if (issuer.organisationId !== input.organisationId) {
          return yield* new InvalidInput({ field: "issuerId", reason: "no such issuer in this organisation" })
        }
        return yield* programs.create(input)
      }),
    getProgram: programs.get,
    getProgramBySlug: (issuerId, slug) => Effect.flatMap(listPrograms(issuerId), bySlug("program", slug)),
    listPrograms,
    updateProgram: programs.update,
    removeProgram: programs.remove
  })
})

/** The issuers service over the tenancy store in context. */
export const layer: Layer.Layer<Issuers, never, TenancyStore | Transactions | IdGenerator> = Layer.effect(
  Issuers,
  make
)
