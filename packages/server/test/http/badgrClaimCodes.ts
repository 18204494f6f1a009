/**
 * Badgr v2 claim codes over real sockets: make, list with a count, change, enable, disable and archive by the code
 * itself; and a BadgeClass made in /v2, awarded through v1 and redeemed by a code, listing its three assertions.
 */
import { ClaimCodes, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { setUpBadgeClass } from "./badgrAssertions.js"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** The Badgr claim codes tests. */
export const badgrClaimCodes = (it: It) => {
  it.effect("a claim code is made (201), listed with its count, changed, disabled, enabled and archived by code", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUpBadgeClass
      const path = `/v2/badgeclasses/${badgeClass.entityId}/claim-codes`
      const made = yield* call("POST", path, {
        key: w.admin,
        json: { label: "Conference", limit: 10, expirationDate: "2099-01-01T00:00:00Z" }
      })
      expect(made.status).toBe(201)
      const code = made.body.result[0]
      expect(code).toMatchObject({
        label: "Conference",
        limit: 10,
        uses: 0,
        expirationDate: "2099-01-01T00:00:00.000Z",
        enabled: true,
        archived: false
      })
      expect(code.claimUrl).toMatch(new RegExp(`/claim/${encodeURIComponent(code.code)}$`))
      const listed = yield* call("GET", `${path}?includeClaimCodeCount=true`, { key: w.admin })
      expect(listed.body.result).toEqual([code])
      expect(listed.body.claimCodeCount).toBe(1)
      const plain = yield* call("GET", path, { key: w.admin })
      expect(plain.body.claimCodeCount).toBeUndefined()
      const one = `${path}/${encodeURIComponent(code.code)}`
      const put = yield* call("PUT", one, { key: w.admin, json: { label: "Renamed", limit: 3 } })
      expect(put.body.result[0]).toMatchObject({ label: "Renamed", limit: 3, code: code.code })
      const disabled = yield* call("PATCH", `${one}/disable`, { key: w.admin })
      expect(disabled.body.result[0].enabled).toBe(false)
      const enabled = yield* call("PATCH", `${one}/enable`, { key: w.admin })
      expect(enabled.body.result[0].enabled).toBe(true)
      const archived = yield* call("DELETE", one, { key: w.admin })
      expect(archived.status).toBe(200)
      expect(archived.body.result[0].archived).toBe(true)
      const unknown = yield* call("PATCH", `${path}/NOPE-NOPE/enable`, { key: w.admin })
      expect(unknown.status).toBe(404)
      const bad = yield* call("POST", path, { key: w.admin, json: { limit: 0 } })
      expect(bad.status).toBe(400)
      const other = yield* world
      const foreign = yield* call("GET", path, { key: other.admin })
      expect(foreign.status).toBe(404)
    }))

  it.effect("a BadgeClass made here, awarded through v1 and redeemed by claim code, lists its three assertions", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUpBadgeClass
      const issued = yield* call("POST", `/v2/badgeclasses/${badgeClass.entityId}/assertions`, {
        key: w.admin,
        json: { recipient: { identity: "ola@example.com" } }
      })
      expect(issued.status).toBe(201)
      const v1 = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: { badge_definition_id: badgeClass.entityId, peer_mentor_id: "pm-kari", awarded_by: "system" }
      })
      expect(v1.status).toBe(201)
      const made = yield* call("POST", `/v2/badgeclasses/${badgeClass.entityId}/claim-codes`, {
        key: w.admin,
        json: { limit: 5 }
      })
      const redeemed = yield* Effect.flatMap(ClaimCodes.ClaimCodes, (codes) =>
        codes.redeem(
          Redacted.make(made.body.result[0].code as string),
          new Recipient({ kind: "email", value: "nora@example.com" })
        )).pipe(Effect.orDie)
      const listed = yield* call("GET", `/v2/badgeclasses/${badgeClass.entityId}/assertions`, { key: w.admin })
      expect(listed.body.result.map((one: any) => [one.entityId, one.recipient.type, one.recipient.plaintextIdentity]))
        .toEqual([
          [issued.body.result[0].entityId, "email", "ola@example.com"],
          [v1.body.id, "id", "pm-kari"],
          [redeemed.id, "email", "nora@example.com"]
        ])
      const codes = yield* call("GET", `/v2/badgeclasses/${badgeClass.entityId}/claim-codes`, { key: w.admin })
      expect(codes.body.result[0].uses).toBe(1)
    }))
}
