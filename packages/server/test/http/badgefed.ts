/**
 * BadgeFed over real sockets: badges, credentials in both places, the error shape and badge images. Grants are in
 * `badgefedGrants.ts`.
 */
import { ApiKeys, Definitions, type NewBadgeDefinition, type OrganisationId, Organisations } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted, type Schema } from "effect"
import { baseUrl, call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** A BadgeFed request: the key in `X-ApiKey`, or in `?apiKey=` with `inQuery`. */
export const fed = (
  method: string,
  path: string,
  options: {
    readonly key?: string
    readonly inQuery?: boolean
    readonly json?: unknown
    readonly body?: string
    readonly headers?: Record<string, string>
  } = {}
) => {
  const headers: Record<string, string> = { ...options.headers }
  let url = path
  if (options.key !== undefined && options.inQuery === true) {
    url += `${url.includes("?") ? "&" : "?"}apiKey=${encodeURIComponent(options.key)}`
  } else if (options.key !== undefined) {
    headers["x-apikey"] = options.key
  }
  return call(method, url, {
    headers,
    ...(options.json !== undefined ? { json: options.json } : {}),
    ...(options.body !== undefined ? { body: options.body } : {})
  })
}

/** The seed's badge, as a definition. */
export const advancedTraining = {
  name: "Advanced Training",
  description: "Awarded for completing advanced training",
  criteriaNarrative: "Complete the advanced training course",
  imageUrl: "https://assets.example.com/badges/advanced-training.svg",
  imageAltText: "Advanced Training Badge",
  tags: ["training", "advanced"],
  infoUri: "https://example.com/training"
}

/** Makes a definition in an organisation, as the host app. */
export const badge = (
  organisationId: OrganisationId,
  fields: Partial<Schema.Schema.Encoded<typeof NewBadgeDefinition>> = {}
) =>
  Effect.flatMap(Definitions.Definitions, (definitions) =>
    Effect.map(
      definitions.create({ name: "Badge", ...fields, organisationId }),
      (view) => view.definition
    )).pipe(Effect.orDie)

/** The organisation's slug and the server's base URL and host, as the answers print them. */
export const printed = (organisationId: OrganisationId) =>
  Effect.gen(function*() {
    const organisation = yield* Effect.orDie((yield* Organisations.Organisations).get(organisationId))
    const base = yield* baseUrl
    return { base, host: new URL(base).host, slug: organisation.slug, name: organisation.name }
  })

const notAuthorized = { error: "Badge not found or not authorized." }

/** BadgeFed's badges, credentials and roles. */
export const badgefed = (it: It) => {
  it.effect("lists the organisation's active badges in the seed's shape, with the key in the header or the query", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const seedBadge = yield* badge(w.organisationId, advancedTraining)
      const plain = yield* badge(w.organisationId, {
        name: "Plain",
        criteria: [{ description: "Attend" }, { description: "Present" }],
        badgeType: "Achievement",
        isCertificate: true
      })
      yield* badge(w.organisationId, { name: "Archived", active: false })
      const deleted = yield* badge(w.organisationId, { name: "Deleted" })
      yield* Effect.orDie((yield* Definitions.Definitions).remove(deleted.id))
      yield* badge(other.organisationId, { name: "Theirs" })
      const { base, host, name, slug } = yield* printed(w.organisationId)
      const header = yield* fed("GET", "/api/badges", { key: w.admin })
      expect(header.status).toBe(200)
      const issuer = header.body.badges[0].issuer
      expect(issuer).toEqual({ id: issuer.id, fullName: name, username: slug, domain: host })
      expect(Number.isInteger(issuer.id) && issuer.id >= 1 && issuer.id < 2 ** 31).toBe(true)
      expect(header.body).toEqual({
        success: true,
        count: 2,
        badges: [{
          id: seedBadge.serial,
          title: "Advanced Training",
          description: "Awarded for completing advanced training",
          badgeType: "Badge",
          earningCriteria: "Complete the advanced training course",
          image: `${base}/badge-image/${seedBadge.serial}`,
          imageAltText: "Advanced Training Badge",
          hashtags: "#training #advanced",
          infoUri: "https://example.com/training",
          isCertificate: false,
          issuer
        }, {
          id: plain.serial,
          title: "Plain",
          description: "",
          badgeType: "Achievement",
          earningCriteria: "Attend\nPresent",
          image: `${base}/badge-image/${plain.serial}`,
          imageAltText: "",
          hashtags: "",
          infoUri: null,
          isCertificate: true,
          issuer
        }]
      })
      expect(yield* fed("GET", "/api/badges", { key: w.admin, inQuery: true })).toEqual(header)
      expect(yield* fed("GET", "/api/badges", { key: w.coordinator })).toEqual(header)
      const theirs = yield* fed("GET", "/api/badges", { key: other.admin })
      expect(theirs.body.badges.map((b: { title: string }) => b.title)).toEqual(["Theirs"])
      expect(theirs.body.badges[0].issuer.id).not.toBe(issuer.id)
    }))

  it.effect("lists every active badge, past the largest page the engine reads at once", () =>
    Effect.gen(function*() {
      const w = yield* world
      for (let i = 0; i < 101; i++) yield* badge(w.organisationId, { name: `Badge ${i}` })
      const listed = yield* fed("GET", "/api/badges", { key: w.admin })
      expect(listed.body.count).toBe(101)
      expect(new Set(listed.body.badges.map((b: { id: number }) => b.id)).size).toBe(101)
    }))

  it.effect("one badge by id; a non-integer, unknown, deleted or other organisation's id is 404 in BadgeFed's words", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const archived = yield* badge(w.organisationId, { name: "Archived", active: false })
      const deleted = yield* badge(w.organisationId, { name: "Deleted" })
      yield* Effect.orDie((yield* Definitions.Definitions).remove(deleted.id))
      const theirs = yield* badge(other.organisationId, { name: "Theirs" })
      const listed = yield* fed("GET", "/api/badges", { key: w.admin })
      const one = yield* fed("GET", `/api/badges/${mine.serial}`, { key: w.admin })
      expect(one).toEqual({ status: 200, body: { success: true, badge: listed.body.badges[0] } })
      expect((yield* fed("GET", `/api/badges/${mine.serial}`, { key: w.peerMentor, inQuery: true })).body)
        .toEqual(one.body)
      expect((yield* fed("GET", `/api/badges/${archived.serial}`, { key: w.admin })).body.badge.title)
        .toBe("Archived")
      for (
        const id of [
          "abc",
          "0",
          "-1",
          "1.5",
          "1e3",
          `${mine.serial}x`,
          "99999999999",
          `${deleted.serial}`,
          `${theirs.serial}`
        ]
      ) {
        expect(yield* fed("GET", `/api/badges/${id}`, { key: w.admin }), id).toEqual({
          status: 404,
          body: notAuthorized
        })
      }
    }))

  it.effect("without a valid key every endpoint answers one of BadgeFed's two 401s, word for word", () =>
    Effect.gen(function*() {
      const w = yield* world
      const required = {
        status: 401,
        body: { error: "API key is required. Provide it via X-ApiKey header or apiKey query parameter." }
      }
      const invalid = { status: 401, body: { error: "Invalid API key." } }
      const endpoints = [
        ["GET", "/api/badges"],
        ["GET", "/api/badges/1"],
        ["POST", "/api/badges/grant"],
        ["GET", "/api/badges/grant/grant_x/status"]
      ] as const
      for (const [method, path] of endpoints) {
        const json = method === "POST" ? { badgeId: 1, email: "jane@example.com" } : undefined
        const at = `${method} ${path}`
        expect(yield* fed(method, path, { json }), at).toEqual(required)
        expect(yield* fed(method, path, { json, headers: { "x-apikey": "" } }), at).toEqual(required)
        expect(yield* fed(method, path, { json, key: "", inQuery: true }), at).toEqual(required)
        // v1's credentials are not BadgeFed's.
        expect(yield* fed(method, path, { json, headers: { authorization: `Bearer ${w.admin}` } }), at)
          .toEqual(required)
        expect(yield* fed(method, path, { json, key: "be_not-a-key" }), at).toEqual(invalid)
        expect(yield* fed(method, path, { json, key: "nonsense", inQuery: true }), at).toEqual(invalid)
        // With both, the header's key is the one checked.
        expect(yield* fed(method, `${path}?apiKey=${w.admin}`, { json, key: "be_not-a-key" }), at).toEqual(invalid)
      }
      const both = yield* fed("GET", "/api/badges?apiKey=be_not-a-key", { key: w.admin })
      expect(both.status).toBe(200)
    }))

  it.effect("roles and tenancy come from the engine: what a key may not do is 403, a key of no organisation too", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId)
      for (const key of [w.peerMentor, w.system]) {
        const answer = yield* fed("GET", "/api/badges", { key })
        expect(answer.status).toBe(403)
        expect(Object.keys(answer.body)).toEqual(["error"])
      }
      const grant = yield* fed("POST", "/api/badges/grant", {
        key: w.coordinator,
        json: { badgeId: mine.serial, email: "jane@example.com" }
      })
      expect(grant.status).toBe(403)
      expect(typeof grant.body.error).toBe("string")
      const unbound = yield* Effect.orDie((yield* ApiKeys.ApiKeys).create({ role: "system", name: "no organisation" }))
      expect(yield* fed("GET", `/api/badges/${mine.serial}`, { key: Redacted.value(unbound.key) })).toEqual({
        status: 403,
        body: { error: "This API key acts for no organisation" }
      })
    }))
}
