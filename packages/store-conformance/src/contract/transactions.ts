import { type Stores, TenancyStore, Transactions } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { newIssuer, organisation } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** The transaction port: all or nothing, nested calls joining the outer one. */
export const transactions = (it: It) => {
  it.effect("a transaction's writes land together, or none of them", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const { run } = yield* Transactions
      const org = yield* organisation()
      const both = yield* run(Effect.all([
        tenancy.createIssuer(newIssuer(org.id, "first")),
        tenancy.createIssuer(newIssuer(org.id, "second"))
      ]))
      const failed = yield* Effect.flip(run(Effect.zipRight(
        tenancy.createIssuer(newIssuer(org.id, "third")),
        Effect.fail("refused" as const)
      )))
      expect(failed).toBe("refused")
      const issuers = yield* tenancy.listIssuers(org.id)
      expect(issuers.map((i) => i.id).sort()).toEqual(both.map((i) => i.id).sort())
    }))

  it.effect("a nested transaction joins the outer one: the outer failure undoes the inner writes", () =>
    Effect.gen(function*() {
      const tenancy = yield* TenancyStore
      const { run } = yield* Transactions
      const org = yield* organisation()
      const inner = newIssuer(org.id, "inner")
      const failed = yield* Effect.flip(run(Effect.zipRight(
        run(tenancy.createIssuer(inner)),
        Effect.fail("outer refused" as const)
      )))
      expect(failed).toBe("outer refused")
      expect(Option.isNone(yield* tenancy.getIssuer(inner.id))).toBe(true)
    }))
}
