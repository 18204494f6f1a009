import { OpenApi } from "@effect/platform"
import { describe, expect, it } from "vitest"
import { Api } from "../src/Server.js"

describe("OpenAPI", () => {
  it("documents every contract endpoint; any change to the document shows up here", async () => {
    const spec = OpenApi.fromApi(Api)
    expect(Object.keys(spec.paths).sort()).toEqual([
      "/api/v1/activities",
      "/api/v1/badge-definitions",
      "/api/v1/badge-definitions/{id}",
      "/api/v1/earned-badges",
      "/api/v1/earned-badges/by-organisation",
      "/api/v1/earned-badges/exists",
      "/api/v1/earned-badges/{id}/revoke",
      "/api/v1/grants/{id}/revoke",
      "/api/v1/progress",
      "/health"
    ])
    await expect(JSON.stringify(spec, null, 2) + "\n").toMatchFileSnapshot("__snapshots__/openapi.json")
  })
})
