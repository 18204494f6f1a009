import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

export const activities = (it: It) => {
  it.effect("the system reports an activity and gets the awards it caused; a replay changes nothing", () =>
    Effect.gen(function*() {
      const w = yield* world
      const def = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "First Session", criteria: { type: "session_count", threshold: 1 } }
      })
      const json = {
        organisation_id: w.organisationId,
        peer_mentor_id: "pm-kari",
        type: "session_completed",
        occurred_at: "2026-03-26T16:00:00Z",
        idempotency_key: "session-1"
      }
      const first = yield* call("POST", "/api/v1/activities", { key: w.system, json })
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({ peer_mentor_id: "pm-kari", replayed: false, idempotency_key: "session-1" })
      expect(first.body.awards.map((a: any) => a.badge_definition_id)).toEqual([def.body.id])
      const replay = yield* call("POST", "/api/v1/activities", { key: w.system, json })
      expect(replay.body.replayed).toBe(true)
      expect(replay.body.awards).toEqual(first.body.awards)
      const read = yield* call("GET", `/api/v1/badge-definitions/${def.body.id}`, { key: w.admin })
      expect(read.body.earned_count).toBe(1)
    }))

  it.effect("20 concurrent reports of one activity count once", () =>
    Effect.gen(function*() {
      const w = yield* world
      yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "Two Sessions", criteria: { type: "session_count", threshold: 2 } }
      })
      const json = {
        organisation_id: w.organisationId,
        peer_mentor_id: "pm-1",
        type: "session_completed",
        occurred_at: "2026-03-26T16:00:00Z",
        idempotency_key: "same"
      }
      const answers = yield* Effect.all(
        Array.from({ length: 20 }, () => call("POST", "/api/v1/activities", { key: w.system, json })),
        { concurrency: "unbounded" }
      )
      expect(answers.every((a) => a.status === 201)).toBe(true)
      expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1)
      const progress = yield* call("GET", `/api/v1/progress?peer_mentor_id=pm-1&organisation_id=${w.organisationId}`, {
        key: w.system
      })
      expect(progress.body.data[0]).toMatchObject({ current: 1, target: 2, earned: false })
    }))

  it.effect("only the system reports activities; bad reports are 400s naming the field", () =>
    Effect.gen(function*() {
      const w = yield* world
      const good = {
        organisation_id: w.organisationId,
        peer_mentor_id: "pm-1",
        type: "session_completed",
        occurred_at: "2026-03-26T16:00:00Z"
      }
      for (const key of [w.admin, w.coordinator, w.peerMentor]) {
        expect((yield* call("POST", "/api/v1/activities", { key, json: good })).status).toBe(403)
      }
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [{ ...good, occurred_at: "soon" }, "occurred_at"],
        [{ ...good, type: "has spaces" }, "type"],
        [{ ...good, peer_mentor_id: "" }, "peer_mentor_id"],
        [{ ...good, attributes: "x" }, "attributes"],
        [{ ...good, idempotency_key: "" }, "idempotency_key"]
      ]
      for (const [json, field] of cases) {
        const answer = yield* call("POST", "/api/v1/activities", { key: w.system, json })
        expect(answer.status).toBe(400)
        expect(answer.body.error.field).toBe(field)
      }
      const unknown = yield* call("POST", "/api/v1/activities", {
        key: w.system,
        json: { ...good, organisation_id: "org-missing" }
      })
      expect(unknown.status).toBe(404)
    }))

  it.effect("progress: a peer mentor sees its own; coordinators and admins their organisation's", () =>
    Effect.gen(function*() {
      const w = yield* world
      yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: {
          name: "Streak Champion",
          icon_url: "https://assets.example.com/a.svg",
          criteria: { type: "streak_days", threshold: 3 }
        }
      })
      for (const day of ["01", "02"]) {
        yield* call("POST", "/api/v1/activities", {
          key: w.system,
          json: {
            organisation_id: w.organisationId,
            peer_mentor_id: "pm-kari",
            type: "session_completed",
            occurred_at: `2026-03-${day}T12:00:00Z`
          }
        })
      }
      const own = yield* call("GET", "/api/v1/progress?peer_mentor_id=pm-kari", { key: w.peerMentor })
      expect(own.status).toBe(200)
      expect(own.body.data).toEqual([{
        badge_definition_id: expect.any(String),
        name: "Streak Champion",
        icon_url: "https://assets.example.com/a.svg",
        locked_icon_url: null,
        earned: false,
        current: 2,
        target: 3
      }])
      expect((yield* call("GET", "/api/v1/progress?peer_mentor_id=pm-ola", { key: w.peerMentor })).status).toBe(403)
      expect((yield* call("GET", "/api/v1/progress?peer_mentor_id=pm-kari", { key: w.coordinator })).status).toBe(200)
      expect((yield* call("GET", "/api/v1/progress?peer_mentor_id=pm-kari", { key: w.admin })).status).toBe(200)
    }))
}
