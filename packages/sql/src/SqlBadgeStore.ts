/**
 * The storage port implemented once over `SqlClient`, for every dialect badge-engine supports.
 *
 * @since 0.1.0
 */
import { BadgeStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import * as Activities from "./internal/activities.js"
import * as ApiKeys from "./internal/apiKeys.js"
import * as Awards from "./internal/awards.js"
import * as ClaimCodes from "./internal/claimCodes.js"
import * as Definitions from "./internal/definitions.js"
import { inTransaction } from "./internal/errors.js"
import * as Grants from "./internal/grants.js"
import * as Organisations from "./internal/organisations.js"

/** Builds the store over the `SqlClient` in context. The schema must be migrated (see `Migrations`). */
export const make: Effect.Effect<BadgeStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const awards = Awards.make(sql)
  return BadgeStore.of({
    transaction: inTransaction(sql, "transaction"),
    ...Organisations.make(sql),
    ...Definitions.make(sql),
    ...Activities.make(sql),
    ...awards,
    ...Grants.make(sql, awards.insertAward),
    ...ClaimCodes.make(sql, awards.insertAward),
    ...ApiKeys.make(sql)
  })
})

/** The store as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<BadgeStore, never, SqlClient.SqlClient> = Layer.effect(BadgeStore, make)
