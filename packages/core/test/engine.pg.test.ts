import { pgTestStore, runPostgres } from "@badge-engine/pg/testing"
import { describe } from "vitest"
import { engineScenarios } from "./engine/scenarios.js"

describe.runIf(runPostgres)("PostgreSQL", () => {
  engineScenarios("PostgreSQL", pgTestStore, { propertyRuns: 10 })
})
