import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

export const edges = (it: It) => {
  it.effect("without a valid bearer key every contract answers 401 in the error shape", () =>
    Effect.gen(function*() {
      const w = yield* world
      const attempts: ReadonlyArray<Record<string, string>> = [
        {},
        { authorization: "" },
        { authorization: `Basic ${w.admin}` },
        { authorization: `${w.admin}` },
        { authorization: "Bearer be_not-a-key" },
        { authorization: "Bearer " }
      ]
      for (const headers of attempts) {
        for (
          const path of [
            "/api/v1/badge-definitions",
            "/api/v1/earned-badges?peer_mentor_id=x",
            "/api/v1/progress?peer_mentor_id=x"
          ]
        ) {
          const answer = yield* call("GET", path, { headers })
          expect(answer.status, `${JSON.stringify(headers)} ${path}`).toBe(401)
          expect(answer.body.error.code).toBe("unauthorized")
        }
      }
    }))

  it.effect("a multipart body, which no endpoint takes, is a 415 in each contract's shape, never a 500", () =>
    Effect.gen(function*() {
      const w = yield* world
      const headers = { "content-type": "multipart/form-data; boundary=x" }
      const body = "--x\r\nnot a part at all"
      const v1 = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, headers, body })
      expect(v1.status).toBe(415)
      expect(v1.body.error).toMatchObject({ code: "unsupported_media_type", field: "body" })
      const badgeFed = yield* call("POST", "/api/badges/grant", { headers: { ...headers, "x-apikey": w.admin }, body })
      expect(badgeFed.status).toBe(415)
      expect(typeof badgeFed.body.error).toBe("string")
    }))

  it.effect("malformed JSON is a 400, an oversized body a 413, an unknown route a 404", () =>
    Effect.gen(function*() {
      const w = yield* world
      const malformed = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, body: "{\"name\": " })
      expect(malformed.status).toBe(400)
      expect(malformed.body.error).toMatchObject({ code: "invalid_request", field: "body" })
      const huge = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "Big", description: "x".repeat(100 * 1024) }
      })
      expect(huge.status).toBe(413)
      expect(huge.body.error.code).toBe("payload_too_large")
      const route = yield* call("GET", "/api/v1/nothing-here", { key: w.admin })
      expect(route.status).toBe(404)
      expect(route.body.error.code).toBe("not_found")
    }))

  it.effect("health answers without credentials once the database does", () =>
    Effect.gen(function*() {
      const answer = yield* call("GET", "/health")
      expect(answer).toEqual({ status: 200, body: { status: "ok", database: "ok" } })
    }))

  it.effect("the API page is served from the server itself, without any CDN", () =>
    Effect.gen(function*() {
      const answer = yield* call("GET", "/docs")
      expect(answer.status).toBe(200)
      const page = String(answer.body)
      expect(page.includes("<script")).toBe(true)
      // Nothing the page loads comes from another host.
      expect(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i.test(page)).toBe(false)
      expect(page.includes("badge-definitions")).toBe(true)
    }))
}
