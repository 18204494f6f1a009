import { PgStore } from "@badge-engine/pg"
import { freshSchema, schemaUrl } from "@badge-engine/pg/testing"
import { storeContract } from "@badge-engine/store-conformance"
import { Effect, Layer } from "effect"
import { describe } from "vitest"
import { pgTestStore, runPostgres } from "./pgTestStore.js"

describe.runIf(runPostgres)("PostgreSQL", () => {
  storeContract("PostgreSQL", pgTestStore)
  storeContract(
    "PostgreSQL, tables prefixed acme_badges_",
    Layer.unwrapScoped(
      Effect.map(
        freshSchema,
        (schema) => PgStore.layer({ url: schemaUrl(schema), tablePrefix: "acme_badges_", maxConnections: 8 })
      )
    )
  )
})
