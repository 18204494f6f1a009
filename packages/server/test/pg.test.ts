import { pgTestStore, runPostgres } from "@badge-engine/pg/testing"
import { describe } from "vitest"
import { httpSuite } from "./http/suite.js"

describe.runIf(runPostgres)("PostgreSQL", () => {
  httpSuite("PostgreSQL", pgTestStore)
})
