/**
 * The storage port of the tenants: organisations, and the issuers and programs inside them.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { Conflict, NotFound, StoreError } from "../Errors.js"
import type { IssuerId, OrganisationId, ProgramId } from "../Ids.js"
import type { Issuer, Program } from "./Issuer.js"
import type { Organisation } from "./Organisation.js"

/** How a record is read. */
export interface ReadOptions {
  /** Hold the record until the transaction ends, for a read-modify-write (a row lock where the database has them). */
  readonly forUpdate?: boolean | undefined
}

/**
 * The tenancy port. Saving writes every field of the record given; a taken slug is a `Conflict`. Removing deletes a
 * record only while nothing hangs under it, checked and deleted in one transaction that holds the record, so a
 * record written under it meanwhile either makes the removal a `Conflict` (naming what is there in `dependents`) or
 * fails itself; what a removal returns is the record as it was.
 */
export class TenancyStore extends Context.Tag("@badge-engine/core/TenancyStore")<TenancyStore, {
  readonly createOrganisation: (organisation: Organisation) => Effect.Effect<Organisation, Conflict | StoreError>
  readonly getOrganisation: (
    id: OrganisationId,
    options?: ReadOptions
  ) => Effect.Effect<Option.Option<Organisation>, StoreError>
  /** An organisation by its slug (BadgeKit's system slug). */
  readonly getOrganisationBySlug: (slug: string) => Effect.Effect<Option.Option<Organisation>, StoreError>
  readonly listOrganisations: () => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  readonly saveOrganisation: (
    organisation: Organisation
  ) => Effect.Effect<Organisation, NotFound | Conflict | StoreError>

  /**
   * Removes an organisation with no issuers, badge definitions (archived or deleted ones kept for their awards
   * included), awards, activities or webhooks; its keys go with it.
   */
  readonly removeOrganisation: (
    id: OrganisationId
  ) => Effect.Effect<Organisation, NotFound | Conflict | StoreError>

  readonly createIssuer: (issuer: Issuer) => Effect.Effect<Issuer, Conflict | StoreError>
  readonly getIssuer: (id: IssuerId, options?: ReadOptions) => Effect.Effect<Option.Option<Issuer>, StoreError>
  readonly listIssuers: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<Issuer>, StoreError>
  readonly saveIssuer: (issuer: Issuer) => Effect.Effect<Issuer, NotFound | Conflict | StoreError>
  /** Removes an issuer with no programs, badge definitions or awards under it. */
  readonly removeIssuer: (id: IssuerId) => Effect.Effect<Issuer, NotFound | Conflict | StoreError>

  readonly createProgram: (program: Program) => Effect.Effect<Program, Conflict | StoreError>
  readonly getProgram: (id: ProgramId, options?: ReadOptions) => Effect.Effect<Option.Option<Program>, StoreError>
  readonly listPrograms: (issuerId: IssuerId) => Effect.Effect<ReadonlyArray<Program>, StoreError>
  readonly saveProgram: (program: Program) => Effect.Effect<Program, NotFound | Conflict | StoreError>
  /** Removes a program with no badge definitions or awards under it. */
  readonly removeProgram: (id: ProgramId) => Effect.Effect<Program, NotFound | Conflict | StoreError>
}>() {}
