/**
 * Badgr v2 over real sockets: the token endpoint, Bearer tokens with scopes, the envelope and its errors, issuers.
 */
import { ApiKeys } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** A key of the organisation with these scopes. */
const scopedKey = (organisationId: string, scopes: string) =>
  Effect.flatMap(
    ApiKeys.ApiKeys,
    (keys) => keys.create({ role: "admin", organisationId: organisationId as never, scopes, name: "scoped" })
  ).pipe(
    Effect.map((made) => Redacted.value(made.key)),
    Effect.orDie
  )

const failure = (description: unknown) => ({
  status: { success: false, description },
  result: []
})

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" }
})

/** The Badgr tests. */
export const badgr = (it: It) => {
  it.effect("POST /o/token hands out a Bearer token with the key's scopes, refusing unknown keys and scopes", () =>
    Effect.gen(function*() {
      const w = yield* world
      const token = yield* call("POST", "/o/token", form({ grant_type: "client_credentials", client_secret: w.admin }))
      expect(token.status).toBe(200)
      expect(token.body).toEqual({ access_token: w.admin, token_type: "Bearer", expires_in: 3600, scope: "rw:issuer" })
      const narrower = yield* call(
        "POST",
        "/o/token",
        form({ grant_type: "client_credentials", client_secret: w.admin, scope: "r:issuer" })
      )
      expect(narrower.status).toBe(200)
      const wider = yield* call(
        "POST",
        "/o/token",
        form({ grant_type: "client_credentials", client_secret: w.admin, scope: "rw:profile" })
      )
      expect(wider).toMatchObject({ status: 400, body: { error: "invalid_scope" } })
      const bad = yield* call("POST", "/o/token", form({ grant_type: "client_credentials", client_secret: "be_nope" }))
      expect(bad).toMatchObject({ status: 401, body: { error: "invalid_client" } })
      const grant = yield* call("POST", "/o/token", form({ grant_type: "password", client_secret: w.admin }))
      expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } })
    }))

  it.effect("without a token, or with a bad one, /v2 answers 401 in the envelope", () =>
    Effect.gen(function*() {
      const none = yield* call("GET", "/v2/issuers")
      expect(none.status).toBe(401)
      expect(none.body).toMatchObject(failure(expect.any(String)))
      const bad = yield* call("GET", "/v2/issuers", { key: "be_not-a-key" })
      expect(bad.status).toBe(401)
      expect(bad.body).toMatchObject({ ...failure(expect.stringContaining("invalid_token")), fieldErrors: {} })
    }))

  it.effect("a token without the scope is 403 insufficient_scope; one issuer's scope reaches only it", () =>
    Effect.gen(function*() {
      const w = yield* world
      const coordinator = yield* call("GET", "/v2/issuers", { key: w.coordinator })
      expect(coordinator.status).toBe(403)
      expect(coordinator.body).toMatchObject(failure(expect.stringContaining("insufficient_scope")))
      const a = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "A" } })
      const b = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "B" } })
      const aId = (a.body as any).result[0].entityId
      const bId = (b.body as any).result[0].entityId
      const onlyA = yield* scopedKey(w.organisationId, `rw:issuer:${aId}`)
      const listed = yield* call("GET", "/v2/issuers", { key: onlyA })
      expect((listed.body as any).result.map((issuer: any) => issuer.entityId)).toEqual([aId])
      expect((yield* call("GET", `/v2/issuers/${bId}`, { key: onlyA })).status).toBe(403)
      expect((yield* call("POST", "/v2/issuers", { key: onlyA, json: { name: "C" } })).status).toBe(403)
    }))

  it.effect("issuers are created (201), read, listed and updated in the envelope", () =>
    Effect.gen(function*() {
      const w = yield* world
      const created = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        json: { name: "Oslo Badges", email: "badges@example.com", url: "https://example.com" }
      })
      expect(created.status).toBe(201)
      const issuer = (created.body as any).result[0]
      expect(created.body).toMatchObject({ status: { success: true, description: "ok" } })
      expect(issuer).toMatchObject({ entityType: "Issuer", name: "Oslo Badges", email: "badges@example.com" })
      expect(issuer.entityId.length).toBeGreaterThanOrEqual(16)
      expect(issuer.entityId).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(issuer.openBadgeId).toMatch(new RegExp(`^http://.+/public/issuers/${issuer.entityId}$`))
      expect(issuer.createdAt).toMatch(/Z$/)
      const got = yield* call("GET", `/v2/issuers/${issuer.entityId}`, { key: w.admin })
      expect((got.body as any).result).toEqual([issuer])
      const updated = yield* call("PUT", `/v2/issuers/${issuer.entityId}`, {
        key: w.admin,
        json: { name: "Oslo Badges 2", description: "New" }
      })
      expect(updated.status).toBe(200)
      expect((updated.body as any).result[0]).toMatchObject({ name: "Oslo Badges 2", description: "New" })
      const listed = yield* call("GET", "/v2/issuers", { key: w.admin })
      expect((listed.body as any).result.map((one: any) => one.entityId)).toEqual([issuer.entityId])
    }))

  it.effect("another organisation's issuer is 404, like a missing one", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const theirs = yield* call("POST", "/v2/issuers", { key: other.admin, json: { name: "Theirs" } })
      const id = (theirs.body as any).result[0].entityId
      const got = yield* call("GET", `/v2/issuers/${id}`, { key: w.admin })
      expect(got.status).toBe(404)
      expect(got.body).toMatchObject(failure(expect.any(String)))
      expect((yield* call("PUT", `/v2/issuers/${id}`, { key: w.admin, json: { name: "Mine" } })).status).toBe(404)
      expect((yield* call("GET", "/v2/issuers/iss-missing-0000000000", { key: w.admin })).status).toBe(404)
    }))

  it.effect("bad input, bad JSON, unsupported images and unknown routes answer in the envelope", () =>
    Effect.gen(function*() {
      const w = yield* world
      const invalid = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        json: { name: "x".repeat(1025), email: "no" }
      })
      expect(invalid.status).toBe(400)
      expect(invalid.body).toMatchObject({ ...failure(expect.any(String)) })
      expect(Object.keys((invalid.body as any).fieldErrors).length).toBeGreaterThan(0)
      const json = yield* call("POST", "/v2/issuers", { key: w.admin, body: "{nope" })
      expect(json.status).toBe(400)
      expect(json.body).toMatchObject(failure(expect.stringContaining("JSON")))
      const upload = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        json: { name: "I", image: "data:image/png;base64,AA" }
      })
      expect(upload.status).toBe(400)
      expect(upload.body).toMatchObject({ fieldErrors: { image: [expect.stringContaining("valid base64")] } })
      const unknown = yield* call("GET", "/v2/nothing-here", { key: w.admin })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toMatchObject(failure(expect.stringContaining("No route")))
      const large = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        body: JSON.stringify({ name: "x".repeat(2_000_000) })
      })
      expect(large.status).toBe(413)
      expect(large.body).toMatchObject(failure(expect.any(String)))
    }))
}
