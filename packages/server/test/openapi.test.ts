import * as OpenApi from "@effect/platform/OpenApi"
import { describe, expect, it } from "vitest"
import * as V1 from "../src/contracts/v1/V1.js"
import { Api, apiOf } from "../src/Server.js"

describe("OpenAPI", () => {
  it("documents every contract endpoint; any change to the document shows up here", async () => {
    const spec = OpenApi.fromApi(Api)
    expect(Object.keys(spec.paths).sort()).toEqual([
      "/api/badges",
      "/api/badges/grant",
      "/api/badges/grant/{noteId}/status",
      "/api/badges/{badgeId}",
      "/api/v1/activities",
      "/api/v1/badge-definitions",
      "/api/v1/badge-definitions/{id}",
      "/api/v1/earned-badges",
      "/api/v1/earned-badges/by-organisation",
      "/api/v1/earned-badges/exists",
      "/api/v1/earned-badges/{id}/revoke",
      "/api/v1/grants/{id}/revoke",
      "/api/v1/jobs/{id}",
      "/api/v1/progress",
      "/api/v1/webhooks",
      "/api/v1/webhooks/{id}",
      "/api/v1/webhooks/{id}/deliveries",
      "/badge-image/{serial}",
      "/health",
      "/healthcheck",
      "/images/{hash}",
      "/o/token",
      "/orgs/{organisationId}/did.json",
      "/public/credentials/{id}",
      "/public/credentials/{id}/image",
      "/public/images/{slug}",
      "/public/status-lists/{organisationId}/{list}",
      "/systems",
      "/systems/{system}",
      "/systems/{system}/badges",
      "/systems/{system}/badges/{badge}",
      "/systems/{system}/issuers",
      "/systems/{system}/issuers/{issuer}",
      "/systems/{system}/issuers/{issuer}/badges",
      "/systems/{system}/issuers/{issuer}/badges/{badge}",
      "/systems/{system}/issuers/{issuer}/programs",
      "/systems/{system}/issuers/{issuer}/programs/{program}",
      "/systems/{system}/issuers/{issuer}/programs/{program}/badges",
      "/systems/{system}/issuers/{issuer}/programs/{program}/badges/{badge}",
      "/v2/assertions/{entityId}",
      "/v2/badgeclasses",
      "/v2/badgeclasses/reactivate/ref/{ref}",
      "/v2/badgeclasses/reactivate/{idOrEntityId}",
      "/v2/badgeclasses/ref/{ref}",
      "/v2/badgeclasses/{idOrEntityId}",
      "/v2/badgeclasses/{idOrEntityId}/assertions",
      "/v2/badgeclasses/{idOrEntityId}/claim-codes",
      "/v2/badgeclasses/{idOrEntityId}/claim-codes/{claimCode}",
      "/v2/badgeclasses/{idOrEntityId}/claim-codes/{claimCode}/disable",
      "/v2/badgeclasses/{idOrEntityId}/claim-codes/{claimCode}/enable",
      "/v2/badgeclasses/{idOrEntityId}/duplicate",
      "/v2/issuers",
      "/v2/issuers/{entityId}",
      "/v2/issuers/{entityId}/assertions",
      "/v2/issuers/{entityId}/badgeclasses"
    ])
    await expect(JSON.stringify(spec, null, 2) + "\n").toMatchFileSnapshot("__snapshots__/openapi.json")
  })

  it("documents v1 as it does when v1 is served alone: other contracts change none of its paths or schemas", () => {
    const alone = OpenApi.fromApi(apiOf([V1.contract]))
    const all = OpenApi.fromApi(Api)
    for (const [path, item] of Object.entries(alone.paths)) expect(all.paths[path], path).toEqual(item)
    for (const [name, schema] of Object.entries(alone.components.schemas)) {
      expect(all.components.schemas[name], name).toEqual(schema)
    }
    expect(all.components.securitySchemes.bearer).toEqual(alone.components.securitySchemes.bearer)
  })
})
