/**
 * BadgeFed's edges over real sockets: whatever never reaches a handler answers `{ "error": "..." }`, badge images
 * redirect, and v1 beside it answers as before.
 */
import { Definitions } from "@badge-engine/core"
import * as HttpApiError from "@effect/platform/HttpApiError"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { errorShape } from "../../src/contracts/badgefed/Errors.js"
import { advancedTraining, badge, fed } from "./badgefed.js"
import { baseUrl, call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** A request whose redirect is not followed: status and `Location`. */
const redirectOf = (path: string) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`, { redirect: "manual" })
      return { status: response.status, location: response.headers.get("location") }
    }))

/** BadgeFed's error shape, badge images, and v1 beside it. */
export const badgefedEdges = (it: It) => {
  it.effect("malformed JSON, an oversized body and unknown routes under /api/badges answer { error }", () =>
    Effect.gen(function*() {
      const w = yield* world
      expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, body: "{\"badgeId\": " })).toEqual({
        status: 400,
        body: { error: "The request body is not valid JSON." }
      })
      expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, json: { evidence: "x".repeat(100 * 1024) } }))
        .toEqual({ status: 413, body: { error: "The request body is larger than 65536 bytes." } })
      for (
        const [method, path] of [["GET", "/api/badges/1/2/3"], ["DELETE", "/api/badges"], ["PUT", "/api/badges/1"]]
      ) {
        expect(yield* fed(method!, path!, { key: w.admin })).toEqual({
          status: 404,
          body: { error: `No route ${method} ${path}.` }
        })
      }
      // Without a key, an unknown route is still a route that is not there.
      expect((yield* fed("GET", "/api/badges/x/y")).status).toBe(404)
    }))

  it("a decode error is answered { error } too, naming where (bodies are checked by hand, so none reaches it)", () => {
    const error = new HttpApiError.HttpApiDecodeError({
      message: "invalid",
      issues: [{ _tag: "Type", path: ["path", "badgeId"], message: "Expected string" }]
    })
    const response = errorShape.invalidRequest(error)
    expect(response.status).toBe(400)
    const body = response.body
    expect(body._tag === "Uint8Array" ? JSON.parse(new TextDecoder().decode(body.body)) : body).toEqual({
      error: "Invalid path.badgeId: Expected string"
    })
  })

  it.effect("a badge image redirects to the definition's image, with no key; none, deleted or unknown is 404", () =>
    Effect.gen(function*() {
      const w = yield* world
      const pictured = yield* badge(w.organisationId, advancedTraining)
      const bare = yield* badge(w.organisationId, { name: "Bare" })
      const deleted = yield* badge(w.organisationId, { name: "Deleted", imageUrl: "https://example.org/d.png" })
      yield* Effect.orDie((yield* Definitions.Definitions).remove(deleted.id))
      expect(yield* redirectOf(`/badge-image/${pictured.serial}`)).toEqual({
        status: 302,
        location: advancedTraining.imageUrl
      })
      for (const serial of [bare.serial, deleted.serial, pictured.serial + 1_000_000, "x", "0"]) {
        const answer = yield* call("GET", `/badge-image/${serial}`)
        expect(answer.status, String(serial)).toBe(404)
        // Under no contract's prefix: the server's fallback shape, v1's.
        expect(answer.body.error.code).toBe("not_found")
      }
    }))

  it.effect("v1 beside BadgeFed: its credentials, shapes and routes are its own", () =>
    Effect.gen(function*() {
      const w = yield* world
      const v1 = yield* call("GET", "/api/v1/badge-definitions", { headers: { "x-apikey": w.admin } })
      expect(v1.status).toBe(401)
      expect(v1.body.error.code).toBe("unauthorized")
      expect((yield* call("GET", `/api/v1/badge-definitions?apiKey=${w.admin}`)).body.error.code).toBe("unauthorized")
      expect((yield* call("GET", "/api/v1/badge-definitions", { key: w.admin })).status).toBe(200)
      expect((yield* call("GET", "/api/v1/nothing", { key: w.admin })).body.error.code).toBe("not_found")
      // A path that only starts like BadgeFed's prefix is not BadgeFed's.
      expect((yield* call("GET", "/api/badgesx")).body.error.code).toBe("not_found")
    }))
}
