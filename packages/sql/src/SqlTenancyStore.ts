/**
 * The tenancy port over `SqlClient`: organisations, issuers and programs. Saving writes the record as given.
 *
 * @since 0.1.0
 */
import {
  Conflict,
  type IssuerId,
  NotFound,
  type OrganisationId,
  type ProgramId,
  type ReadOptions,
  type StoreError,
  TenancyStore
} from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer } from "effect"
import { conflictOr, inTransaction, isForeignKeyViolation, storeError } from "./internal/errors.js"
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

  /** What still hangs under a record: one count per kind, each a `SELECT count(*)`. */
  type Dependents = ReadonlyArray<readonly [kind: string, count: Effect.Effect<ReadonlyArray<Total>, SqlError>]>
  type Total = { readonly total: number | string }

  /**
   * Deletes a record while nothing hangs under it, in one transaction: the row is read for update (on Postgres that
   * lock waits for, and then blocks, any insert whose foreign key points at it), the dependents are counted, and the
   * delete itself is guarded by the foreign keys, so a record written under it meanwhile is never orphaned.
   */
  const remove = <A>(options: {
    readonly operation: string
    readonly entity: string
    readonly table: string
    readonly id: string
    readonly decode: (row: unknown) => A
    readonly definitionColumn: string
    readonly dependents: Dependents
    readonly alsoDelete?: ReadonlyArray<Effect.Effect<unknown, SqlError>>
  }): Effect.Effect<A, NotFound | Conflict | StoreError> => {
    const { decode, dependents, entity, id, operation, table } = options
    const inUse = (counts: Record<string, number>) =>
      new Conflict({ entity, reason: "still has records under it", existingId: id, dependents: counts })
    return inTransaction(sql, operation)(Effect.gen(function*() {
      const rows = yield* sql`SELECT * FROM ${sql(table)} WHERE id = ${id} ${lockClause(sql, { forUpdate: true })}`
      if (rows.length === 0) return yield* new NotFound({ entity, id })
      const [record] = yield* decodeRows(operation, rows, decode)
      // Badge definitions deleted with nothing referring to them are gone for good with the record they were under.
      yield* sql`DELETE FROM ${sql(t.definitions)} WHERE ${sql(options.definitionColumn)} = ${id}
        AND deleted_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ${sql(t.awards)} a WHERE a.definition_id = ${sql(t.definitions)}.id)
        AND NOT EXISTS (SELECT 1 FROM ${sql(t.grants)} g WHERE g.definition_id = ${sql(t.definitions)}.id)
        AND NOT EXISTS (SELECT 1 FROM ${sql(t.claimCodes)} c WHERE c.definition_id = ${sql(t.definitions)}.id)`
      const counts: Record<string, number> = {}
      for (const [kind, count] of dependents) {
        const [row] = yield* count
        const total = Number(row?.total ?? 0)
        if (total > 0) counts[kind] = total
      }
      if (Object.keys(counts).length > 0) return yield* inUse(counts)
      for (const statement of options.alsoDelete ?? []) yield* statement
      yield* sql`DELETE FROM ${sql(table)} WHERE id = ${id}`.pipe(
        Effect.catchIf(
          (error) => error instanceof SqlError && isForeignKeyViolation(error),
          () => Effect.fail(inUse({}))
        )
      )
      return record!
    })).pipe(
      Effect.catchIf((error): error is SqlError => error instanceof SqlError, storeError(operation))
    )
  }

  /** Counts of the badge definitions under a column's value: live ones, deleted ones still referred to, awards. */
  const definitionsUnder = (column: string, id: string): Dependents => [
    [
      "badges",
      sql<Total>`SELECT count(*) AS total FROM ${sql(t.definitions)} WHERE ${sql(column)} = ${id}
      AND deleted_at IS NULL`
    ],
    [
      "deletedBadges",
      sql<Total>`SELECT count(*) AS total FROM ${sql(t.definitions)} WHERE ${sql(column)} = ${id}
      AND deleted_at IS NOT NULL`
    ],
    [
      "awards",
      sql<Total>`SELECT count(*) AS total FROM ${sql(t.awards)} WHERE definition_id IN
      (SELECT id FROM ${sql(t.definitions)} WHERE ${sql(column)} = ${id})`
    ]
  ]

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

    removeOrganisation: (id) =>
      remove({
        operation: "removeOrganisation",
        entity: "organisation",
        table: t.organisations,
        id,
        decode: organisation,
        definitionColumn: "organisation_id",
        dependents: [
          ["issuers", sql<Total>`SELECT count(*) AS total FROM ${sql(t.issuers)} WHERE organisation_id = ${id}`],
          ...definitionsUnder("organisation_id", id),
          ["activities", sql<Total>`SELECT count(*) AS total FROM ${sql(t.activities)} WHERE organisation_id = ${id}`],
          [
            "webhooks",
            sql<Total>`SELECT count(*) AS total FROM ${sql(t.webhookEndpoints)} WHERE organisation_id = ${id}`
          ]
        ],
        // Its keys open nothing once it is gone; recipients and activity days are derived from its activities.
        alsoDelete: [
          sql`DELETE FROM ${sql(t.apiKeys)} WHERE organisation_id = ${id}`,
          sql`DELETE FROM ${sql(t.badgekitKeys)} WHERE organisation_id = ${id}`,
          sql`DELETE FROM ${sql(t.issuerKeys)} WHERE organisation_id = ${id}`,
          sql`DELETE FROM ${sql(t.recipients)} WHERE organisation_id = ${id}`,
          sql`DELETE FROM ${sql(t.activityDays)} WHERE organisation_id = ${id}`
        ]
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

    removeIssuer: (id) =>
      remove({
        operation: "removeIssuer",
        entity: "issuer",
        table: t.issuers,
        id,
        decode: issuer,
        definitionColumn: "issuer_id",
        dependents: [
          ["programs", sql<Total>`SELECT count(*) AS total FROM ${sql(t.programs)} WHERE issuer_id = ${id}`],
          ...definitionsUnder("issuer_id", id)
        ]
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
    }),

    removeProgram: (id) =>
      remove({
        operation: "removeProgram",
        entity: "program",
        table: t.programs,
        id,
        decode: program,
        definitionColumn: "program_id",
        dependents: definitionsUnder("program_id", id)
      })
  })
})

/** The tenancy port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<TenancyStore, never, SqlClient.SqlClient> = Layer.effect(TenancyStore, make)
