import { Definitions, Grants } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

export const grants = (it: It) => {
  it.effect("an admin revokes a grant and the earned badge its acceptance made; others may not", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const definitions = yield* Definitions.Definitions
      const { definition } = yield* definitions.create({ organisationId: w.organisationId, name: "Granted" })
      const service = yield* Grants.Grants
      const offered = yield* service.offer({ definitionId: definition.id, email: "kari@example.org" })
      const { award } = yield* service.accept(offered.grant.id, offered.acceptKey)
      const path = `/api/v1/grants/${offered.grant.id}/revoke`
      expect((yield* call("POST", path, { key: w.coordinator })).status).toBe(403)
      expect((yield* call("POST", path, { key: w.system })).status).toBe(403)
      expect((yield* call("POST", path, { key: other.admin })).status).toBe(404)
      expect((yield* call("POST", "/api/v1/grants/grant-missing/revoke", { key: w.admin })).status).toBe(404)
      const revoked = yield* call("POST", path, { key: w.admin })
      expect(revoked.status).toBe(200)
      expect(revoked.body).toMatchObject({
        id: offered.grant.id,
        badge_definition_id: definition.id,
        status: "revoked",
        earned_badge_id: award.id
      })
      const again = yield* call("POST", path, { key: w.admin })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe("conflict")
      const listed = yield* call(
        "GET",
        `/api/v1/earned-badges/by-organisation?organisation_id=${w.organisationId}`,
        { key: w.admin }
      )
      expect(listed.body.data.find((b: { id: string }) => b.id === award.id).revoked_at).not.toBeNull()
    }))
}
