import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const trainingMaster = {
  name: "Training Master",
  description: "Completed 10 or more training modules",
  icon_url: "https://assets.example.com/badges/training-master.svg",
  locked_icon_url: "https://assets.example.com/badges/training-master-locked.svg",
  criteria: { type: "training_completion_count", threshold: 10 },
  category: "learning",
  is_active: true
}

export const definitions = (it: It) => {
  it.effect("an admin creates a definition: 201 with the seed's fields and earned_count 0", () =>
    Effect.gen(function*() {
      const w = yield* world
      const created = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { organisation_id: w.organisationId, ...trainingMaster }
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ ...trainingMaster, organisation_id: w.organisationId, earned_count: 0 })
      expect(Object.keys(created.body).sort()).toEqual([
        "category",
        "created_at",
        "criteria",
        "description",
        "earned_count",
        "icon_url",
        "id",
        "is_active",
        "locked_icon_url",
        "name",
        "organisation_id",
        "updated_at"
      ])
      expect(created.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      for (const key of [w.admin, w.coordinator, w.peerMentor]) {
        const read = yield* call("GET", `/api/v1/badge-definitions/${created.body.id}`, { key })
        expect(read.status).toBe(200)
        expect(read.body).toEqual(created.body)
      }
    }))

  it.effect("roles: only admins write; admins and coordinators list; peer mentors only get; system none", () =>
    Effect.gen(function*() {
      const w = yield* world
      const created = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: trainingMaster })
      expect(created.status).toBe(201)
      const id = created.body.id
      for (const key of [w.coordinator, w.peerMentor, w.system]) {
        expect((yield* call("POST", "/api/v1/badge-definitions", { key, json: trainingMaster })).status).toBe(403)
        expect((yield* call("PUT", `/api/v1/badge-definitions/${id}`, { key, json: { name: "x" } })).status).toBe(403)
        expect((yield* call("DELETE", `/api/v1/badge-definitions/${id}`, { key })).status).toBe(403)
      }
      expect((yield* call("GET", "/api/v1/badge-definitions", { key: w.coordinator })).status).toBe(200)
      expect((yield* call("GET", "/api/v1/badge-definitions", { key: w.peerMentor })).status).toBe(403)
      expect((yield* call("GET", "/api/v1/badge-definitions", { key: w.system })).status).toBe(403)
      expect((yield* call("GET", `/api/v1/badge-definitions/${id}`, { key: w.system })).status).toBe(403)
    }))

  it.effect("lists with the seed's envelope, pagination, category and is_active filters", () =>
    Effect.gen(function*() {
      const w = yield* world
      for (let i = 0; i < 5; i++) {
        yield* call("POST", "/api/v1/badge-definitions", {
          key: w.admin,
          json: { name: `Milestone ${i}`, category: i < 3 ? "milestone" : "learning", is_active: i !== 4 }
        })
      }
      const page2 = yield* call("GET", "/api/v1/badge-definitions?page=2&limit=2", { key: w.coordinator })
      expect(page2.status).toBe(200)
      expect(page2.body.pagination).toEqual({ page: 2, limit: 2, total: 5 })
      expect(page2.body.data.map((d: any) => d.name)).toEqual(["Milestone 2", "Milestone 3"])
      const milestones = yield* call("GET", "/api/v1/badge-definitions?category=milestone", { key: w.admin })
      expect(milestones.body.pagination.total).toBe(3)
      const inactive = yield* call("GET", "/api/v1/badge-definitions?is_active=false", { key: w.admin })
      expect(inactive.body.data.map((d: any) => d.name)).toEqual(["Milestone 4"])
      const defaults = yield* call("GET", "/api/v1/badge-definitions", { key: w.admin })
      expect(defaults.body.pagination).toEqual({ page: 1, limit: 20, total: 5 })
    }))

  it.effect("updates only the fields sent; null clears; is_active false archives", () =>
    Effect.gen(function*() {
      const w = yield* world
      const created = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: trainingMaster })
      const updated = yield* call("PUT", `/api/v1/badge-definitions/${created.body.id}`, {
        key: w.admin,
        json: { description: "Completed 10 or more approved training modules", category: null, is_active: false }
      })
      expect(updated.status).toBe(200)
      expect(updated.body).toMatchObject({
        name: "Training Master",
        description: "Completed 10 or more approved training modules",
        category: null,
        is_active: false,
        criteria: trainingMaster.criteria,
        icon_url: trainingMaster.icon_url
      })
    }))

  it.effect("soft delete answers the seed's shape, keeps awards, and the definition is then not found", () =>
    Effect.gen(function*() {
      const w = yield* world
      const created = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: trainingMaster })
      const earned = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: { badge_definition_id: created.body.id, peer_mentor_id: "pm-kari" }
      })
      const deleted = yield* call("DELETE", `/api/v1/badge-definitions/${created.body.id}`, { key: w.admin })
      expect(deleted.status).toBe(200)
      expect(deleted.body).toEqual({ id: created.body.id, deleted: true, deleted_at: expect.any(String) })
      expect((yield* call("GET", `/api/v1/badge-definitions/${created.body.id}`, { key: w.admin })).status).toBe(404)
      const kept = yield* call("GET", "/api/v1/earned-badges?peer_mentor_id=pm-kari", { key: w.system })
      expect(kept.body.data.map((e: any) => e.id)).toContain(earned.body.id)
    }))

  it.effect("another organisation's definitions are invisible: 404 on reads and writes, 403 on its listing", () =>
    Effect.gen(function*() {
      const a = yield* world
      const b = yield* world
      const created = yield* call("POST", "/api/v1/badge-definitions", { key: a.admin, json: trainingMaster })
      const id = created.body.id
      expect((yield* call("GET", `/api/v1/badge-definitions/${id}`, { key: b.admin })).status).toBe(404)
      expect((yield* call("GET", `/api/v1/badge-definitions/${id}`, { key: b.peerMentor })).status).toBe(404)
      expect((yield* call("PUT", `/api/v1/badge-definitions/${id}`, { key: b.admin, json: { name: "x" } })).status)
        .toBe(
          404
        )
      expect((yield* call("DELETE", `/api/v1/badge-definitions/${id}`, { key: b.admin })).status).toBe(404)
      const listing = yield* call("GET", `/api/v1/badge-definitions?organisation_id=${a.organisationId}`, {
        key: b.admin
      })
      expect(listing.status).toBe(403)
      const create = yield* call("POST", "/api/v1/badge-definitions", {
        key: b.admin,
        json: { ...trainingMaster, organisation_id: a.organisationId }
      })
      expect(create.status).toBe(403)
      const own = yield* call("GET", "/api/v1/badge-definitions", { key: b.admin })
      expect(own.body.pagination.total).toBe(0)
    }))

  it.effect("bad input is a 400 naming the field, and nothing is written", () =>
    Effect.gen(function*() {
      const w = yield* world
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [{ ...trainingMaster, name: "" }, "name"],
        [{ ...trainingMaster, name: "x".repeat(1025) }, "name"],
        [{ ...trainingMaster, icon_url: "not a url" }, "icon_url"],
        [{ ...trainingMaster, icon_url: "javascript:alert(1)" }, "icon_url"],
        [{ ...trainingMaster, criteria: { type: "nope", threshold: 1 } }, "criteria.type"],
        [{ ...trainingMaster, criteria: { type: "session_count", threshold: 0 } }, "criteria.threshold"],
        [{ ...trainingMaster, criteria: { type: "session_count" } }, "criteria.threshold"],
        [{ ...trainingMaster, is_active: "yes" }, "is_active"],
        [{ description: "no name" }, "name"],
        [[1, 2], "body"]
      ]
      for (const [json, field] of cases) {
        const answer = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json })
        expect(answer.status, JSON.stringify(json).slice(0, 80)).toBe(400)
        expect(answer.body.error).toMatchObject({ code: "invalid_request", field })
        expect(answer.body.error.message).toContain(field)
      }
      const list = yield* call("GET", "/api/v1/badge-definitions", { key: w.admin })
      expect(list.body.pagination.total).toBe(0)
      const badQuery: ReadonlyArray<readonly [string, string]> = [
        ["limit=0", "limit"],
        ["limit=101", "limit"],
        ["page=abc", "page"],
        ["page=0", "page"],
        ["is_active=maybe", "is_active"]
      ]
      for (const [query, field] of badQuery) {
        const answer = yield* call("GET", `/api/v1/badge-definitions?${query}`, { key: w.admin })
        expect(answer.status, query).toBe(400)
        expect(answer.body.error.field).toBe(field)
      }
      const unknownId = yield* call("GET", `/api/v1/badge-definitions/${"x".repeat(300)}`, { key: w.admin })
      expect(unknownId.status).toBe(404)
      expect(unknownId.body.error.code).toBe("not_found")
    }))
}
