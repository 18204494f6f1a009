import { engineScenarios, storeContract } from "@badge-engine/store-conformance"
import { describe } from "vitest"
import { pgTestStore, runPostgres } from "./pgTestStore.js"

describe.runIf(runPostgres)("PostgreSQL", () => {
  storeContract("PostgreSQL", pgTestStore)
  engineScenarios("PostgreSQL", pgTestStore, { propertyRuns: 10 })
})
