/**
 * Organisations, issuers and programs over SqlClient.
 */
import type { BadgeStore, Conflict, IssuerId, OrganisationId, ProgramId, StoreError } from "@badge-engine/core"
import { Issuer, NotFound, Organisation, Program } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option } from "effect"
import { conflictOr, inTransaction, storeError } from "./errors.js"
import { memoByVersion } from "./memo.js"
import { organisationRow, profileRow, type Row, toIssuer, toOrganisation as toRecord, toProgram } from "./rows.js"

type Methods = Pick<
  BadgeStore["Type"],
  | "createOrganisation"
  | "getOrganisation"
  | "listOrganisations"
  | "updateOrganisation"
  | "createIssuer"
  | "getIssuer"
  | "listIssuers"
  | "updateIssuer"
  | "createProgram"
  | "getProgram"
  | "listPrograms"
  | "updateProgram"
>

export const make = (sql: SqlClient.SqlClient): Methods => {
  const toOrganisation = memoByVersion(toRecord).from
  const first = <A>(rows: ReadonlyArray<Row>, to: (row: Row) => A) => Option.map(Option.fromNullable(rows[0]), to)

  const getOrganisation = (id: OrganisationId) =>
    sql<Row>`SELECT * FROM organisations WHERE id = ${id}`.pipe(
      Effect.map((rows) => first(rows, toOrganisation)),
      Effect.mapError(storeError("getOrganisation"))
    )
  const getIssuer = (id: IssuerId) =>
    sql<Row>`SELECT * FROM issuers WHERE id = ${id}`.pipe(
      Effect.map((rows) => first(rows, toIssuer)),
      Effect.mapError(storeError("getIssuer"))
    )
  const getProgram = (id: ProgramId) =>
    sql<Row>`SELECT * FROM programs WHERE id = ${id}`.pipe(
      Effect.map((rows) => first(rows, toProgram)),
      Effect.mapError(storeError("getProgram"))
    )

  /** Reads a record, applies a patch in memory and writes it back, in one transaction. */
  const patch = <A>(options: {
    readonly operation: string
    readonly entity: string
    readonly id: string
    readonly get: Effect.Effect<Option.Option<A>, StoreError>
    readonly apply: (current: A) => A
    readonly write: (next: A) => Effect.Effect<unknown, SqlError>
  }): Effect.Effect<A, NotFound | Conflict | StoreError> =>
    Effect.gen(function*() {
      const current = yield* options.get
      if (Option.isNone(current)) return yield* new NotFound({ entity: options.entity, id: options.id })
      const next = options.apply(current.value)
      yield* conflictOr(options.operation, options.entity, "slug is already taken")(options.write(next))
      return next
    }).pipe(inTransaction(sql, options.operation))

  return {
    createOrganisation: (organisation) =>
      sql`INSERT INTO organisations ${sql.insert(organisationRow(organisation))}`.pipe(
        Effect.as(organisation),
        conflictOr("createOrganisation", "organisation", "id or slug is already taken")
      ),
    getOrganisation,
    listOrganisations: () =>
      sql<Row>`SELECT * FROM organisations ORDER BY id`.pipe(
        Effect.map((rows) => rows.map(toOrganisation)),
        Effect.mapError(storeError("listOrganisations"))
      ),
    updateOrganisation: (id, changes, now) =>
      patch({
        operation: "updateOrganisation",
        entity: "organisation",
        id,
        get: getOrganisation(id),
        apply: (current) =>
          new Organisation({ ...current, ...definedOnly(changes), updatedAt: now }, { disableValidation: true }),
        write: (next) => {
          const { id: _, ...row } = organisationRow(next)
          return sql`UPDATE organisations SET ${sql.update(row)}, row_version = row_version + 1 WHERE id = ${id}`
        }
      }),
    createIssuer: (issuer) =>
      sql`INSERT INTO issuers ${sql.insert(profileRow(issuer))}`.pipe(
        Effect.as(issuer),
        conflictOr("createIssuer", "issuer", "id or slug is already taken")
      ),
    getIssuer,
    listIssuers: (organisationId) =>
      sql<Row>`SELECT * FROM issuers WHERE organisation_id = ${organisationId} ORDER BY slug`.pipe(
        Effect.map((rows) => rows.map(toIssuer)),
        Effect.mapError(storeError("listIssuers"))
      ),
    updateIssuer: (id, changes, now) =>
      patch({
        operation: "updateIssuer",
        entity: "issuer",
        id,
        get: getIssuer(id),
        apply: (current) =>
          new Issuer({ ...current, ...definedOnly(changes), updatedAt: now }, { disableValidation: true }),
        write: (next) => {
          const { id: _, ...row } = profileRow(next)
          return sql`UPDATE issuers SET ${sql.update(row)} WHERE id = ${id}`
        }
      }),
    createProgram: (program) =>
      sql`INSERT INTO programs ${sql.insert({ ...profileRow(program), issuer_id: program.issuerId })}`.pipe(
        Effect.as(program),
        conflictOr("createProgram", "program", "id or slug is already taken")
      ),
    getProgram,
    listPrograms: (issuerId) =>
      sql<Row>`SELECT * FROM programs WHERE issuer_id = ${issuerId} ORDER BY slug`.pipe(
        Effect.map((rows) => rows.map(toProgram)),
        Effect.mapError(storeError("listPrograms"))
      ),
    updateProgram: (id, changes, now) =>
      patch({
        operation: "updateProgram",
        entity: "program",
        id,
        get: getProgram(id),
        apply: (current) =>
          new Program({ ...current, ...definedOnly(changes), updatedAt: now }, { disableValidation: true }),
        write: (next) => {
          const { id: _, ...row } = profileRow(next)
          return sql`UPDATE programs SET ${sql.update(row)} WHERE id = ${id}`
        }
      })
  }
}

/** The keys of a patch that are present; absent keys leave the record as it is. */
const definedOnly = <P extends object>(patch: P): { [K in keyof P]?: Exclude<P[K], undefined> } =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as {
    [K in keyof P]?: Exclude<P[K], undefined>
  }
