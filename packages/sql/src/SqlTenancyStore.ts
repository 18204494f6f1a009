/**
 * The tenancy port over `SqlClient`: organisations, issuers and programs. Saving writes the record as given.
 *
 * @since 0.1.0
 */
import {
  type IssuerId,
  NotFound,
  type OrganisationId,
  type ProgramId,
  type ReadOptions,
  type StoreError,
  TenancyStore
} from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer } from "effect"
import { conflictOr } from "./internal/errors.js"
import { memoByVersion } from "./internal/memo.js"
import { all, decoder, decodeRows, encoder, first, lockClause } from "./internal/query.js"
import {
  IssuerRow,
  IssuerUpdate,
  OrganisationRow,
  OrganisationUpdate,
  ProgramRow,
  ProgramUpdate
} from "./internal/tenancyRows.js"
import { TablePrefix, tables } from "./TablePrefix.js"

const taken = "id or slug is already taken"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<TenancyStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  // Evaluation reads the organisation on every activity; its row rarely changes.
  const organisation = memoByVersion(decoder(OrganisationRow)).from
  const issuer = decoder(IssuerRow)
  const program = decoder(ProgramRow)
  const encodeOrganisation = encoder(OrganisationRow)
  const encodeIssuer = encoder(IssuerRow)
  const encodeProgram = encoder(ProgramRow)
  const organisationUpdate = encoder(OrganisationUpdate)
  const issuerUpdate = encoder(IssuerUpdate)
  const programUpdate = encoder(ProgramUpdate)

  /** The record an update returned, or `NotFound` when no row has the id. */
  const saved =
    <A>(operation: string, entity: string, id: string, decode: (row: unknown) => A) =>
    (update: Effect.Effect<ReadonlyArray<unknown>, SqlError>) =>
      conflictOr(operation, entity, taken)(update).pipe(
        Effect.flatMap((rows): Effect.Effect<A, NotFound | StoreError> =>
          rows.length === 0
            ? Effect.fail(new NotFound({ entity, id }))
            : Effect.map(decodeRows(operation, rows, decode), (decoded) => decoded[0]!)
        )
      )

  return TenancyStore.of({
    createOrganisation: Effect.fn("TenancyStore.createOrganisation")(function*(value) {
      yield* conflictOr("createOrganisation", "organisation", taken)(
        sql`INSERT INTO ${sql(t.organisations)} ${sql.insert(encodeOrganisation(value))}`
      )
      return value
    }),

    getOrganisation: (id: OrganisationId, options?: ReadOptions) =>
      sql`SELECT * FROM ${sql(t.organisations)} WHERE id = ${id} ${lockClause(sql, options)}`.pipe(
        first("getOrganisation", organisation)
      ),

    getOrganisationBySlug: (slug) =>
      sql`SELECT * FROM ${sql(t.organisations)} WHERE slug = ${slug}`.pipe(
        first("getOrganisationBySlug", organisation)
      ),

    listOrganisations: () =>
      sql`SELECT * FROM ${sql(t.organisations)} ORDER BY id`.pipe(all("listOrganisations", organisation)),

    saveOrganisation: Effect.fn("TenancyStore.saveOrganisation")(function*(value) {
      return yield* sql`UPDATE ${sql(t.organisations)} SET ${sql.update(organisationUpdate(value))},
          row_version = row_version + 1
        WHERE id = ${value.id} RETURNING *`.pipe(saved("saveOrganisation", "organisation", value.id, organisation))
    }),

    createIssuer: Effect.fn("TenancyStore.createIssuer")(function*(value) {
      yield* conflictOr("createIssuer", "issuer", taken)(
        sql`INSERT INTO ${sql(t.issuers)} ${sql.insert(encodeIssuer(value))}`
      )
      return value
    }),

    getIssuer: (id: IssuerId, options?: ReadOptions) =>
      sql`SELECT * FROM ${sql(t.issuers)} WHERE id = ${id} ${lockClause(sql, options)}`.pipe(
        first("getIssuer", issuer)
      ),

    listIssuers: (organisationId) =>
      sql`SELECT * FROM ${sql(t.issuers)} WHERE organisation_id = ${organisationId} ORDER BY slug`.pipe(
        all("listIssuers", issuer)
      ),

    saveIssuer: Effect.fn("TenancyStore.saveIssuer")(function*(value) {
      return yield* sql`UPDATE ${sql(t.issuers)} SET ${sql.update(issuerUpdate(value))}
        WHERE id = ${value.id} RETURNING *`.pipe(saved("saveIssuer", "issuer", value.id, issuer))
    }),

    createProgram: Effect.fn("TenancyStore.createProgram")(function*(value) {
      yield* conflictOr("createProgram", "program", taken)(
        sql`INSERT INTO ${sql(t.programs)} ${sql.insert(encodeProgram(value))}`
      )
      return value
    }),

    getProgram: (id: ProgramId, options?: ReadOptions) =>
      sql`SELECT * FROM ${sql(t.programs)} WHERE id = ${id} ${lockClause(sql, options)}`.pipe(
        first("getProgram", program)
      ),

    listPrograms: (issuerId) =>
      sql`SELECT * FROM ${sql(t.programs)} WHERE issuer_id = ${issuerId} ORDER BY slug`.pipe(
        all("listPrograms", program)
      ),

    saveProgram: Effect.fn("TenancyStore.saveProgram")(function*(value) {
      return yield* sql`UPDATE ${sql(t.programs)} SET ${sql.update(programUpdate(value))}
        WHERE id = ${value.id} RETURNING *`.pipe(saved("saveProgram", "program", value.id, program))
    })
  })
})

/** The tenancy port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<TenancyStore, never, SqlClient.SqlClient> = Layer.effect(TenancyStore, make)
