/**
 * Two transactions that lock the same rows in other orders deadlock; Postgres gives one of them up (40P01), and
 * the transaction port runs that one again, so both callers succeed and each write lands once.
 */
import { Organisation, type OrganisationId, TenancyStore, Transactions } from "@badge-engine/core"
import { pgTestStore, runPostgres } from "@badge-engine/pg/testing"
import { Fixtures } from "@badge-engine/store-conformance"
import { describe, expect, layer } from "@effect/vitest"
import { Deferred, Effect, Option } from "effect"

describe.runIf(runPostgres)("PostgreSQL transactions", () => {
  layer(pgTestStore, { excludeTestServices: true })((it) => {
    it.effect(
      "a transaction given up in a deadlock runs again: both callers succeed, each write once",
      () =>
        Effect.gen(function*() {
          const tenancy = yield* TenancyStore
          const { run } = yield* Transactions
          const first = yield* Fixtures.organisation()
          const second = yield* Fixtures.organisation()
          const locked = { first: yield* Deferred.make<void>(), second: yield* Deferred.make<void>() }
          let attempts = 0
          // Each holds one organisation's row and waits until the other holds the other's, then asks for it.
          const crosswise = (mine: OrganisationId, theirs: OrganisationId, signal: keyof typeof locked) =>
            run(Effect.gen(function*() {
              attempts++
              const held = Option.getOrThrow(yield* tenancy.getOrganisation(mine, { forUpdate: true }))
              yield* Deferred.succeed(locked[signal], undefined)
              yield* Deferred.await(locked[signal === "first" ? "second" : "first"])
              yield* tenancy.getOrganisation(theirs, { forUpdate: true })
              return yield* tenancy.saveOrganisation(new Organisation({ ...held, name: `renamed by ${signal}` }))
            }))
          const [a, b] = yield* Effect.all([
            crosswise(first.id, second.id, "first"),
            crosswise(second.id, first.id, "second")
          ], { concurrency: "unbounded" })
          expect([a.name, b.name]).toEqual(["renamed by first", "renamed by second"])
          // One of the two was given up and ran again.
          expect(attempts).toBe(3)
        }),
      30_000
    )
  })
})
