import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const definition = (key: string, json: Record<string, unknown> = {}) =>
  Effect.map(
    call("POST", "/api/v1/badge-definitions", { key, json: { name: "First Session", ...json } }),
    (answer) => answer.body.id as string
  )

export const earnedBadges = (it: It) => {
  it.effect("the system records an earned badge (201), lists it, and tells that it exists", () =>
    Effect.gen(function*() {
      const w = yield* world
      const id = yield* definition(w.admin)
      const created = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: {
          badge_definition_id: id,
          peer_mentor_id: "pm-kari",
          awarded_at: "2026-03-26T16:00:12Z",
          awarded_by: "system"
        }
      })
      expect(created.status).toBe(201)
      expect(created.body).toEqual({
        id: expect.any(String),
        badge_definition_id: id,
        peer_mentor_id: "pm-kari",
        awarded_at: "2026-03-26T16:00:12Z",
        awarded_by: "system",
        revoked_at: null
      })
      const listed = yield* call("GET", "/api/v1/earned-badges?peer_mentor_id=pm-kari", { key: w.system })
      expect(listed.body.data).toContainEqual(created.body)
      const exists = yield* call(
        "GET",
        `/api/v1/earned-badges/exists?peer_mentor_id=pm-kari&badge_definition_id=${id}`,
        {
          key: w.system
        }
      )
      expect(exists.body).toEqual({ exists: true, earned_badge_id: created.body.id })
      const absent = yield* call(
        "GET",
        `/api/v1/earned-badges/exists?peer_mentor_id=pm-ola&badge_definition_id=${id}`,
        {
          key: w.system
        }
      )
      expect(absent.body).toEqual({ exists: false, earned_badge_id: null })
    }))

  it.effect("a duplicate of a unique badge is a 409", () =>
    Effect.gen(function*() {
      const w = yield* world
      const id = yield* definition(w.admin)
      const json = { badge_definition_id: id, peer_mentor_id: "pm-kari" }
      expect((yield* call("POST", "/api/v1/earned-badges", { key: w.system, json })).status).toBe(201)
      const again = yield* call("POST", "/api/v1/earned-badges", { key: w.system, json })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe("conflict")
    }))

  it.effect("20 concurrent requests for a unique badge make exactly one record", () =>
    Effect.gen(function*() {
      const w = yield* world
      const id = yield* definition(w.admin)
      const answers = yield* Effect.all(
        Array.from({ length: 20 }, () =>
          call("POST", "/api/v1/earned-badges", {
            key: w.system,
            json: { badge_definition_id: id, peer_mentor_id: "pm-1" }
          })),
        { concurrency: "unbounded" }
      )
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
      expect(answers.filter((a) => a.status === 409)).toHaveLength(19)
      const listed = yield* call("GET", "/api/v1/earned-badges?peer_mentor_id=pm-1", { key: w.system })
      expect(listed.body.pagination.total).toBe(1)
    }))

  it.effect("roles: earned badges are the system's; by-organisation also an admin's, of its own organisation", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const id = yield* definition(w.admin)
      const json = { badge_definition_id: id, peer_mentor_id: "pm-kari" }
      for (const key of [w.admin, w.coordinator, w.peerMentor]) {
        expect((yield* call("POST", "/api/v1/earned-badges", { key, json })).status).toBe(403)
        expect((yield* call("GET", "/api/v1/earned-badges?peer_mentor_id=pm-kari", { key })).status).toBe(403)
      }
      yield* call("POST", "/api/v1/earned-badges", { key: w.system, json })
      const mine = yield* call("GET", "/api/v1/earned-badges/by-organisation", { key: w.admin })
      expect(mine.status).toBe(200)
      expect(mine.body.pagination).toEqual({ page: 1, limit: 50, total: 1 })
      expect(mine.body.data[0]).not.toHaveProperty("awarded_by")
      const system = yield* call("GET", `/api/v1/earned-badges/by-organisation?organisation_id=${w.organisationId}`, {
        key: w.system
      })
      expect(system.body.pagination.total).toBe(1)
      const missing = yield* call("GET", "/api/v1/earned-badges/by-organisation", { key: w.system })
      expect(missing.status).toBe(400)
      expect(missing.body.error.field).toBe("organisation_id")
      const cross = yield* call("GET", `/api/v1/earned-badges/by-organisation?organisation_id=${w.organisationId}`, {
        key: other.admin
      })
      expect(cross.status).toBe(403)
      expect((yield* call("GET", "/api/v1/earned-badges/by-organisation", { key: w.coordinator })).status).toBe(403)
    }))

  it.effect("an admin revokes with a reason; another organisation's admin cannot see the record", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const id = yield* definition(w.admin)
      const created = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: { badge_definition_id: id, peer_mentor_id: "pm-kari" }
      })
      const path = `/api/v1/earned-badges/${created.body.id}/revoke`
      expect((yield* call("POST", path, { key: other.admin, json: { reason: "x" } })).status).toBe(404)
      expect((yield* call("POST", path, { key: w.coordinator, json: { reason: "x" } })).status).toBe(403)
      const empty = yield* call("POST", path, { key: w.admin, json: { reason: "" } })
      expect(empty.status).toBe(400)
      expect(empty.body.error.field).toBe("reason")
      const revoked = yield* call("POST", path, { key: w.admin, json: { reason: "awarded by mistake" } })
      expect(revoked.status).toBe(200)
      expect(revoked.body).toMatchObject({ revoked_at: expect.any(String), revocation_reason: "awarded by mistake" })
      expect((yield* call("POST", path, { key: w.admin, json: { reason: "again" } })).status).toBe(409)
      const exists = yield* call(
        "GET",
        `/api/v1/earned-badges/exists?peer_mentor_id=pm-kari&badge_definition_id=${id}`,
        {
          key: w.system
        }
      )
      expect(exists.body.exists).toBe(false)
    }))

  it.effect("bad earned-badge input is a 400 naming the field; an unknown definition is a 404", () =>
    Effect.gen(function*() {
      const w = yield* world
      const id = yield* definition(w.admin)
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [{ peer_mentor_id: "pm-1" }, "badge_definition_id"],
        [{ badge_definition_id: id }, "peer_mentor_id"],
        [{ badge_definition_id: id, peer_mentor_id: "" }, "peer_mentor_id"],
        [{ badge_definition_id: id, peer_mentor_id: "pm-1", awarded_at: "yesterday" }, "awarded_at"]
      ]
      for (const [json, field] of cases) {
        const answer = yield* call("POST", "/api/v1/earned-badges", { key: w.system, json })
        expect(answer.status).toBe(400)
        expect(answer.body.error.field).toBe(field)
      }
      const unknown = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: { badge_definition_id: "bdg-missing", peer_mentor_id: "pm-1" }
      })
      expect(unknown.status).toBe(404)
      const noQuery = yield* call("GET", "/api/v1/earned-badges", { key: w.system })
      expect(noQuery.status).toBe(400)
      expect(noQuery.body.error.field).toBe("peer_mentor_id")
    }))
}
