/**
 * Issuers: who stands behind a badge inside an organisation, and the programs under them.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { type Conflict, type Forbidden, InvalidInput, type NotFound, type StoreError } from "../Errors.js"
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
  readonly create: (input: typeof NewIssuer.Encoded) => Effect.Effect<Issuer, Failure>
  readonly get: (id: IssuerId) => Effect.Effect<Issuer, NotFound | StoreError>
  readonly list: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<Issuer>, NotFound | StoreError>
  readonly update: (id: IssuerId, patch: typeof ProfilePatch.Encoded) => Effect.Effect<Issuer, Failure>
  /** Creates a program under an issuer of the same organisation. */
  readonly createProgram: (input: typeof NewProgram.Encoded) => Effect.Effect<Program, Failure>
  readonly getProgram: (id: ProgramId) => Effect.Effect<Program, NotFound | StoreError>
  readonly listPrograms: (issuerId: IssuerId) => Effect.Effect<ReadonlyArray<Program>, NotFound | StoreError>
  readonly updateProgram: (id: ProgramId, patch: typeof ProfilePatch.Encoded) => Effect.Effect<Program, Failure>
}>() {}

export const make = Effect.gen(function*() {
  const store = yield* TenancyStore
  const issuers = yield* Profiles.operations<Issuer, IssuerId>({
    entity: "issuer",
    idPrefix: "iss",
    make: (fields) => new Issuer(fields, { disableValidation: true }),
    get: store.getIssuer,
    create: store.createIssuer,
    save: store.saveIssuer
  })
  const programs = yield* Profiles.operations<Program, ProgramId>({
    entity: "program",
    idPrefix: "prg",
    make: (fields) => new Program(fields, { disableValidation: true }),
    get: store.getProgram,
    create: store.createProgram,
    save: store.saveProgram
  })

  return Issuers.of({
    create: (raw) => Effect.flatMap(decode(NewIssuer)(raw), issuers.create),
    get: issuers.get,
    list: (organisationId) =>
      TenancyPolicy.read(organisationId, "organisation", organisationId).pipe(
        Effect.zipRight(store.listIssuers(organisationId))
      ),
    update: issuers.update,
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
    listPrograms: (issuerId) => Effect.zipRight(issuers.get(issuerId), store.listPrograms(issuerId)),
    updateProgram: programs.update
  })
})

/** The issuers service over the tenancy store in context. */
export const layer: Layer.Layer<Issuers, never, TenancyStore | Transactions | IdGenerator> = Layer.effect(
  Issuers,
  make
)
