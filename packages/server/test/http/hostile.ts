/**
 * Hostile input found by hand and by the fuzz suite, one regression each, over real sockets on each store: nested
 * JSON, bodies that are not what their content type says, oversized chunked bodies and headers, NUL in text,
 * timestamps no database stores, rules with huge parameters, huge echoed values and concurrent deletes.
 */
import { BadgeDefinition, type BadgeDefinitionId, DefinitionStore } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as http from "node:http"
import * as os from "node:os"
import { baseUrl, call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** A request as `node:http` sends it: a raw path, headers as given, a body written in chunks when `chunked`. */
const raw = (
  method: string,
  path: string,
  options: { readonly headers?: Record<string, string>; readonly body?: string; readonly chunked?: boolean } = {}
) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(() =>
      new Promise<{ status: number; text: string }>((resolve) => {
        const url = new URL(base)
        const headers = { ...options.headers }
        const body = options.body === undefined ? undefined : Buffer.from(options.body)
        if (body !== undefined && options.chunked !== true) headers["content-length"] = String(body.length)
        const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
          let text = ""
          res.on("data", (chunk) => (text += chunk))
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }))
        })
        req.on("error", (error) => resolve({ status: 0, text: error.message }))
        if (body !== undefined) {
          for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024))
        }
        req.end()
      })
    ))

const json = (text: string): any => JSON.parse(text)
const nested = "[".repeat(3000) + "]".repeat(3000)
const v1 = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" })
const fed = (key: string) => ({ "x-apikey": key, "content-type": "application/json" })

export const hostile = (it: It) => {
  it.effect("JSON nested 3,000 deep is a 400 in each contract's shape, not a 500 with an empty body", () =>
    Effect.gen(function*() {
      const w = yield* world
      const a = yield* raw("POST", "/api/v1/badge-definitions", { headers: v1(w.admin), body: nested })
      expect(a.status).toBe(400)
      expect(json(a.text).error).toMatchObject({ code: "invalid_request", field: "body" })
      const b = yield* raw("POST", "/api/badges/grant", { headers: fed(w.admin), body: nested })
      expect(b.status).toBe(400)
      expect(json(b.text)).toEqual({ error: "Invalid body: is nested more than 64 levels deep" })
      const c = yield* raw("POST", "/v2/issuers", { headers: v1(w.admin), body: nested })
      expect(c.status).toBe(400)
      expect(json(c.text).validationErrors).toEqual(["is nested more than 64 levels deep"])
      // As deep as a wire shape goes, and a little more, is read as before.
      const fine = yield* raw("POST", "/api/v1/badge-definitions", {
        headers: v1(w.admin),
        body: JSON.stringify({
          name: "Deep enough",
          criteria: { type: "all_of", rules: [{ type: "all_of", rules: [] }] }
        })
      })
      expect(fine.status).toBe(400)
      expect(json(fine.text).error.field).toMatch(/^criteria/)
    }))

  it.effect("multipart where no endpoint takes uploads is a 415 in each contract's shape, not a 500", () =>
    Effect.gen(function*() {
      const w = yield* world
      const multipart = { "content-type": "multipart/form-data" }
      const a = yield* raw("POST", "/api/v1/badge-definitions", {
        headers: { ...v1(w.admin), ...multipart },
        body: "{}"
      })
      expect(a.status).toBe(415)
      expect(json(a.text).error).toMatchObject({ code: "unsupported_media_type", field: "body" })
      const b = yield* raw("POST", "/api/badges/grant", { headers: { ...fed(w.admin), ...multipart }, body: "{}" })
      expect(b).toEqual({ status: 415, text: JSON.stringify({ error: "Content-Type must be application/json" }) })
      const c = yield* raw("POST", "/v2/issuers", { headers: { ...v1(w.admin), ...multipart }, body: "{}" })
      expect(c.status).toBe(415)
      expect(json(c.text).status.success).toBe(false)
    }))

  it.effect("a multipart file is refused before it is read: no internal object, no server path in the answer", () =>
    Effect.gen(function*() {
      const w = yield* world
      const body = "--x\r\nContent-Disposition: form-data; name=\"name\"; filename=\"a.txt\"\r\n" +
        "Content-Type: text/plain\r\n\r\nhello\r\n--x--\r\n"
      for (const path of ["/api/v1/badge-definitions", "/api/badges/grant", "/v2/issuers"]) {
        const answer = yield* raw("POST", path, {
          headers: { ...v1(w.admin), ...fed(w.admin), "content-type": "multipart/form-data; boundary=x" },
          body
        })
        expect(answer.status, path).toBe(415)
        expect(answer.text).not.toMatch(/PersistedFile|_tag/)
        expect(answer.text.includes(os.tmpdir())).toBe(false)
      }
    }))

  it.effect("a chunked body over the limit gets the same 413 as one with Content-Length, not a reset", () =>
    Effect.gen(function*() {
      const w = yield* world
      const body = JSON.stringify({ name: "Big", description: "x".repeat(200 * 1024) })
      for (const chunked of [false, true]) {
        const a = yield* raw("POST", "/api/v1/badge-definitions", { headers: v1(w.admin), body, chunked })
        expect(a.status, `chunked: ${chunked}`).toBe(413)
        expect(json(a.text).error.code).toBe("payload_too_large")
        const b = yield* raw("POST", "/api/badges/grant", { headers: fed(w.admin), body, chunked })
        expect(b).toEqual({
          status: 413,
          text: JSON.stringify({ error: "The request body is larger than 65536 bytes." })
        })
      }
      // A chunked body under the limit is read as before.
      const small = yield* raw("POST", "/api/v1/badge-definitions", {
        headers: v1(w.admin),
        body: JSON.stringify({ name: "Chunked" }),
        chunked: true
      })
      expect(small.status).toBe(201)
    }))

  it.effect("NUL in an id or a text is a 400 naming the field, and nothing is stored", () =>
    Effect.gen(function*() {
      const w = yield* world
      const name = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: { name: "a\u0000b" } })
      expect(name.status).toBe(400)
      expect(name.body.error).toMatchObject({ code: "invalid_request", field: "name" })
      const id = yield* call("GET", "/api/v1/badge-definitions/a%00b", { key: w.admin })
      expect(id.status).toBe(400)
      expect(id.body.error.field).toBe("path")
      const query = yield* call("GET", "/api/v1/earned-badges?peer_mentor_id=pm%00", { key: w.system })
      expect(query.status).toBe(400)
      expect(query.body.error.field).toBe("peer_mentor_id")
      const activity = yield* call("POST", "/api/v1/activities", {
        key: w.system,
        json: {
          organisation_id: w.organisationId,
          peer_mentor_id: "pm-kari",
          type: "session_completed",
          occurred_at: "2026-01-10T08:00:00Z",
          attributes: { note: { deep: "x\u0000" } }
        }
      })
      expect(activity.status).toBe(400)
      expect(activity.body.error.field).toBe("attributes.note.deep")
      const issuer = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "\u0000", email: "a@b.org" } })
      expect(issuer.status).toBe(400)
      expect(Object.keys(issuer.body.fieldErrors)).toEqual(["name"])
      const grant = yield* raw("POST", "/api/badges/grant", {
        headers: fed(w.admin),
        body: JSON.stringify({ badgeId: 1, email: "jane\u0000@example.org" })
      })
      expect(grant.status).toBe(400)
      expect(json(grant.text).error).toContain("email")
      const list = yield* call("GET", "/api/v1/badge-definitions", { key: w.admin })
      expect(list.body.pagination.total).toBe(0)
    }))

  it.effect("timestamps outside years 1 to 9999, or not on the calendar, are a 400 naming the field", () =>
    Effect.gen(function*() {
      const w = yield* world
      const report = (occurredAt: string) =>
        call("POST", "/api/v1/activities", {
          key: w.system,
          json: {
            organisation_id: w.organisationId,
            peer_mentor_id: "pm-kari",
            type: "session_completed",
            occurred_at: occurredAt
          }
        })
      for (
        const refused of [
          "0000-01-01T00:00:00Z",
          "-000001-01-01T00:00:00Z",
          "+275760-09-13T00:00:00Z",
          "2026-02-30T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "9999-12-31T23:00:00-05:00"
        ]
      ) {
        const answer = yield* report(refused)
        expect(answer.status, refused).toBe(400)
        expect(answer.body.error.field).toBe("occurred_at")
      }
      expect((yield* report("2028-02-29T12:00:00Z")).status).toBe(201)
      expect((yield* report("9999-12-31T23:59:59Z")).status).toBe(201)
      expect((yield* report("0001-01-01T00:00:00Z")).status).toBe(201)
    }))

  it.effect("a rule's numeric parameters are bounded when it is defined: a huge last_days is a 400", () =>
    Effect.gen(function*() {
      const w = yield* world
      for (const huge of [1e9, 2 ** 31, 2 ** 53 - 1]) {
        const lastDays = yield* call("POST", "/api/v1/badge-definitions", {
          key: w.admin,
          json: { name: "Huge", criteria: { type: "activity_count", threshold: 1, last_days: huge } }
        })
        expect(lastDays.status, String(huge)).toBe(400)
        expect(lastDays.body.error.field).toBe("criteria.last_days")
        const threshold = yield* call("POST", "/api/v1/badge-definitions", {
          key: w.admin,
          json: { name: "Huge", criteria: { type: "session_count", threshold: huge } }
        })
        expect(threshold.status, String(huge)).toBe(400)
        expect(threshold.body.error.field).toBe("criteria.threshold")
      }
      const year = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "A year", criteria: { type: "activity_count", threshold: 1, last_days: 365 } }
      })
      expect(year.status).toBe(201)
    }))

  it.effect("a stored rule that cannot be evaluated is skipped: activities and progress go on for the others", () =>
    Effect.gen(function*() {
      const w = yield* world
      const good = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "First session", criteria: { type: "session_count", threshold: 1 } }
      })
      const bad = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "Broken", criteria: { type: "activity_count", threshold: 1, last_days: 30 } }
      })
      // As a rule stored before its parameters were bounded: written to the store, past the service's checks.
      const store = yield* DefinitionStore
      const stored = Option.getOrThrow(yield* Effect.orDie(store.get(bad.body.id as BadgeDefinitionId)))
      const rule = { type: "activity_count", threshold: 1, last_days: 2 ** 53 - 1 }
      yield* Effect.orDie(store.save(new BadgeDefinition({ ...stored, rule })))
      const activity = yield* call("POST", "/api/v1/activities", {
        key: w.system,
        json: {
          organisation_id: w.organisationId,
          peer_mentor_id: "pm-kari",
          type: "session_completed",
          occurred_at: new Date().toISOString()
        }
      })
      expect(activity.status).toBe(201)
      expect(activity.body.awards.map((a: any) => a.badge_definition_id)).toEqual([good.body.id])
      const progress = yield* call("GET", `/api/v1/progress?peer_mentor_id=pm-kari`, { key: w.admin })
      expect(progress.status).toBe(200)
      expect(progress.body.data.map((p: any) => p.badge_definition_id)).toEqual([good.body.id])
      // The definition says why its rule is skipped, until the rule changes; the others say nothing.
      const reported = yield* call("GET", `/api/v1/badge-definitions/${bad.body.id}`, { key: w.admin })
      expect(reported.status).toBe(200)
      expect(reported.body.criteria_error.message).toMatch(/activity_count could not be evaluated: last_days: /)
      expect(reported.body.criteria_error.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      const healthy = yield* call("GET", `/api/v1/badge-definitions/${good.body.id}`, { key: w.admin })
      expect(healthy.body).not.toHaveProperty("criteria_error")
      const fixed = yield* call("PUT", `/api/v1/badge-definitions/${bad.body.id}`, {
        key: w.admin,
        json: { criteria: { type: "activity_count", threshold: 1, last_days: 30 } }
      })
      expect(fixed.status).toBe(200)
      expect(fixed.body).not.toHaveProperty("criteria_error")
    }))

  it.effect("headers over 16 KB get a 431 in the contract's shape; echoed values come back cut short", () =>
    Effect.gen(function*() {
      const w = yield* world
      const padding = { "x-padding": "p".repeat(20 * 1024) }
      const a = yield* raw("GET", "/api/v1/badge-definitions", { headers: { ...v1(w.admin), ...padding } })
      expect(a.status).toBe(431)
      expect(json(a.text).error.code).toBe("headers_too_large")
      const b = yield* raw("GET", "/api/badges", { headers: { ...fed(w.admin), ...padding } })
      expect(b.status).toBe(431)
      expect(typeof json(b.text).error).toBe("string")
      const c = yield* raw("GET", "/v2/issuers", { headers: { ...v1(w.admin), ...padding } })
      expect(c.status).toBe(431)
      expect(json(c.text).status.success).toBe(false)
      const huge = "z".repeat(60 * 1024)
      const echoedValue = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "x", is_active: huge }
      })
      expect(echoedValue.status).toBe(400)
      expect(echoedValue.body.error.field).toBe("is_active")
      expect(JSON.stringify(echoedValue.body).length).toBeLessThan(400)
      const badgr = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: ["x"], email: huge } })
      expect(badgr.status).toBe(400)
      expect(JSON.stringify(badgr.body).length).toBeLessThan(800)
    }))

  it.effect("concurrent DELETEs of one definition: exactly one 200, the others 404", () =>
    Effect.gen(function*() {
      const w = yield* world
      for (let round = 0; round < 3; round++) {
        const made = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: { name: "Once" } })
        const answers = yield* Effect.all(
          Array.from(
            { length: 10 },
            () => call("DELETE", `/api/v1/badge-definitions/${made.body.id}`, { key: w.admin })
          ),
          { concurrency: "unbounded" }
        )
        expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(404)])
      }
      // Badgr's hard delete likewise: one 204, the others 404 (not 400 "has awards").
      const issuer = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "Issuer" } })
      const made = yield* call("POST", "/v2/badgeclasses", {
        key: w.admin,
        json: {
          name: "Gone",
          description: "Soon gone",
          image: "https://example.com/g.png",
          issuer: issuer.body.result[0].entityId
        }
      })
      const path = `/v2/badgeclasses/${made.body.result[0].entityId}?hard_delete=true`
      const answers = yield* Effect.all(Array.from({ length: 10 }, () => call("DELETE", path, { key: w.admin })), {
        concurrency: "unbounded"
      })
      expect(answers.map((a) => a.status).sort()).toEqual([204, ...Array(9).fill(404)])
    }))
}
