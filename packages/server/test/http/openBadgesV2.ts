/**
 * Open Badges 2.0 hosting over real sockets: assertions, BadgeClasses and issuer profiles as JSON-LD (checked against
 * the 2.0 context, and expanded without loss by jsonld.js), content negotiation, revoked and expired assertions, baked PNG and SVG images that unbake to the
 * hosted assertion, and awards made through every contract hosted alike.
 */
import { RecipientIdentity, ServerSecrets } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import jsonld from "jsonld"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { deflateSync } from "node:zlib"
import encodeChunks from "png-chunks-encode"
import extractChunks from "png-chunks-extract"
import { baseUrl, call, callWithHeaders, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const contextDocument = JSON.parse(
  readFileSync(new URL("../fixtures/openbadges-v2-context.json", import.meta.url), "utf8")
)
const context = contextDocument["@context"] as Record<string, unknown>

/** Resolves the 2.0 context from the bundled copy; any other URL is refused, so nothing is fetched. */
const documentLoader = async (url: string) => {
  if (url !== "https://w3id.org/openbadges/v2") throw new Error(`no document for ${url}`)
  return { contextUrl: null, document: contextDocument, documentUrl: url }
}

/**
 * Expands a document with jsonld.js in safe mode, which fails on any property or type the context does not define
 * (instead of dropping it): the expanded form, with its 2.0 class.
 */
const expanded = (document: Record<string, unknown>) =>
  Effect.promise(() =>
    jsonld.expand(document as any, { documentLoader, safe: true } as any) as unknown as Promise<
      Array<Record<string, any>>
    >
  )

/**
 * Checks a document against the 2.0 context: its `@context` is 2.0's, every property (at any depth) is a term the
 * context defines, and every `type` is one of its classes (the recipient's names the identity property).
 */
const conformsToContext = (document: Record<string, unknown>) => {
  expect(document["@context"]).toBe("https://w3id.org/openbadges/v2")
  const walk = (node: unknown, key: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, key))
    if (node === null || typeof node !== "object") return
    for (const [name, value] of Object.entries(node)) {
      if (name === "@context") continue
      expect(context, `term ${name}`).toHaveProperty(name)
      if (name === "type" && key !== "recipient") {
        expect(context, `class ${String(value)}`).toHaveProperty(String(value))
      }
      walk(value, name)
    }
  }
  walk(document, undefined)
}

/** A 2×2 PNG, each chunk's CRC written by the encoder. */
const png = (): Uint8Array => {
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, 2)
  view.setUint32(4, 2)
  header.set([8, 6, 0, 0, 0], 8)
  const rows = new Uint8Array([0, 29, 78, 216, 255, 29, 78, 216, 255, 0, 29, 78, 216, 255, 29, 78, 216, 255])
  return encodeChunks([
    { name: "IHDR", data: header },
    { name: "IDAT", data: new Uint8Array(deflateSync(rows)) },
    { name: "IEND", data: new Uint8Array(0) }
  ])
}

const pngUri = () => `data:image/png;base64,${Buffer.from(png()).toString("base64")}`
const svgUri = () =>
  `data:image/svg+xml;base64,${
    Buffer.from(
      `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="3" fill="#1d4ed8"/></svg>`
    ).toString("base64")
  }`

/** A path on the server of one of its absolute URLs. */
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search

const jsonLd = { accept: "application/ld+json" }

/** Reads bytes from the server. */
const bytes = (path: string) =>
  Effect.gen(function*() {
    const base = yield* baseUrl
    return yield* Effect.promise(async () => {
      const response = await fetch(`${base}${path}`)
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        body: new Uint8Array(await response.arrayBuffer())
      }
    })
  })

/** A Badgr issuer and BadgeClass with an uploaded image, and one assertion of it. */
const setUp = (image: string, assertion: Record<string, unknown> = {}) =>
  Effect.gen(function*() {
    const w = yield* world
    const issuer = yield* call("POST", "/v2/issuers", {
      key: w.admin,
      json: { name: "Oslo Volunteer Centre", url: "https://volunteer.example.org", email: "badges@example.org" }
    })
    const badgeClass = yield* call("POST", "/v2/badgeclasses", {
      key: w.admin,
      json: {
        issuer: issuer.body.result[0].entityId,
        name: "Keynote speaker",
        description: "Gave the keynote at the spring meetup",
        image,
        criteriaNarrative: "Speak for **20 minutes** to the whole meetup.",
        tags: ["speaking", "meetup"]
      }
    })
    const made = yield* call("POST", `/v2/badgeclasses/${badgeClass.body.result[0].entityId}/assertions`, {
      key: w.admin,
      json: {
        recipient: { identity: "kari@example.com" },
        issuedOn: "2026-03-10T12:00:00Z",
        narrative: "Opened the meetup",
        evidence: [{ url: "https://example.org/talk", narrative: "The recording" }],
        expires: "2099-01-01T00:00:00Z",
        ...assertion
      }
    })
    expect(made.status).toBe(201)
    return { w, assertion: made.body.result[0], badgeClass: badgeClass.body.result[0], issuer: issuer.body.result[0] }
  })

/** The Open Badges 2.0 hosting tests. */
export const openBadgesV2 = (it: It) => {
  it.effect("an assertion, its BadgeClass and its issuer are hosted as 2.0 JSON-LD at their openBadgeIds", () =>
    Effect.gen(function*() {
      const { assertion, badgeClass, issuer } = yield* setUp(pngUri())
      const hosted = yield* callWithHeaders("GET", pathOf(assertion.openBadgeId), { headers: jsonLd })
      expect(hosted.status).toBe(200)
      expect(hosted.headers["content-type"]).toMatch(/^application\/ld\+json/)
      expect(hosted.headers["access-control-allow-origin"]).toBe("*")
      const salt = hosted.body.recipient.salt as string
      expect(hosted.body).toEqual({
        "@context": "https://w3id.org/openbadges/v2",
        type: "Assertion",
        id: assertion.openBadgeId,
        recipient: {
          type: "email",
          hashed: true,
          salt,
          identity: `sha256$${createHash("sha256").update(`kari@example.com${salt}`).digest("hex")}`
        },
        badge: badgeClass.openBadgeId,
        verification: { type: "hosted" },
        issuedOn: "2026-03-10T12:00:00.000Z",
        expires: "2099-01-01T00:00:00.000Z",
        image: `${assertion.openBadgeId}/image`,
        evidence: [{ type: "Evidence", id: "https://example.org/talk", narrative: "The recording" }],
        narrative: "Opened the meetup"
      })
      // Badgr prints the recipient as the hosted assertion does.
      expect(assertion.recipient).toMatchObject({ identity: hosted.body.recipient.identity, salt })
      // The salt is derived under this server's secret, not from the award's id alone, and the 3.0 credential has it.
      const secret = yield* Effect.flatMap(
        ServerSecrets.ServerSecrets,
        (secrets) => secrets.current(RecipientIdentity.saltPurpose)
      ).pipe(Effect.orDie)
      expect(salt).toBe(RecipientIdentity.saltUnder(Redacted.value(secret.secret), assertion.entityId))
      expect(salt).not.toBe(createHash("sha256").update(`badgr-salt:${assertion.entityId}`).digest("hex").slice(0, 32))
      const credential = yield* call("GET", `/public/credentials/${assertion.entityId}`)
      expect(credential.body.credentialSubject.identifier[0].salt).toBe(salt)
      conformsToContext(hosted.body)

      const badge = yield* call("GET", pathOf(hosted.body.badge), { headers: jsonLd })
      expect(badge.status).toBe(200)
      expect(badge.body).toEqual({
        "@context": "https://w3id.org/openbadges/v2",
        type: "BadgeClass",
        id: badgeClass.openBadgeId,
        name: "Keynote speaker",
        description: "Gave the keynote at the spring meetup",
        image: badgeClass.image,
        criteria: { narrative: "Speak for **20 minutes** to the whole meetup." },
        issuer: issuer.openBadgeId,
        tags: ["speaking", "meetup"],
        alignment: []
      })
      conformsToContext(badge.body)

      const profile = yield* call("GET", pathOf(badge.body.issuer), { headers: jsonLd })
      expect(profile.body).toEqual({
        "@context": "https://w3id.org/openbadges/v2",
        type: "Issuer",
        id: issuer.openBadgeId,
        name: "Oslo Volunteer Centre",
        url: "https://volunteer.example.org",
        email: "badges@example.org"
      })
      conformsToContext(profile.body)
      // jsonld.js expands each without loss, to the 2.0 vocabulary's classes and properties.
      const [assertionLd] = yield* expanded(hosted.body)
      expect(assertionLd!["@type"]).toEqual(["https://w3id.org/openbadges#Assertion"])
      expect(assertionLd!["https://w3id.org/openbadges#badge"]).toEqual([{ "@id": badgeClass.openBadgeId }])
      expect(assertionLd!["https://w3id.org/openbadges#verify"][0]["@type"]).toEqual([
        "https://w3id.org/openbadges#HostedBadge"
      ])
      expect((yield* expanded(badge.body))[0]!["@type"]).toEqual(["https://w3id.org/openbadges#BadgeClass"])
      expect((yield* expanded(profile.body))[0]!["@type"]).toEqual(["https://w3id.org/openbadges#Issuer"])
      // Hosted verification: the assertion lies on its issuer's origin.
      expect(new URL(hosted.body.id).origin).toBe(new URL(profile.body.id).origin)
    }))

  it.effect("JSON for .json, ?v=2_0, JSON Accept or none; the badge page for a browser", () =>
    Effect.gen(function*() {
      const { assertion } = yield* setUp(pngUri())
      const path = pathOf(assertion.openBadgeId)
      const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
      for (
        const [suffix, accept] of [
          [".json", browser],
          ["?v=2_0", browser],
          ["", "application/json"],
          ["", "application/ld+json, application/json;q=0.9"],
          ["", "*/*"]
        ] as const
      ) {
        const answer = yield* callWithHeaders("GET", `${path}${suffix}`, { headers: { accept } })
        expect(answer.status, `${suffix} ${accept}`).toBe(200)
        expect(answer.body.id).toBe(assertion.openBadgeId)
      }
      const page = yield* callWithHeaders("GET", path, { headers: { accept: browser } })
      expect(page.status).toBe(200)
      expect(page.headers["content-type"]).toMatch(/^text\/html/)
      expect(page.headers.vary).toBe("Accept")
      expect(page.body).toContain("Keynote speaker")
      expect(page.body).toContain("data-verified=\"true\"")
      expect(page.body).toContain(`${path}.json`)
      expect(page.body).not.toContain("kari@example.com")
      const badgeJson = yield* call("GET", `${pathOf(assertion.badgeclassOpenBadgeId)}.json`)
      expect(badgeJson.body.type).toBe("BadgeClass")
    }))

  it.effect("a revoked assertion answers 410 with its id, revoked and the reason; its baked image too", () =>
    Effect.gen(function*() {
      const { assertion, w } = yield* setUp(pngUri())
      const revoked = yield* call("DELETE", `/v2/assertions/${assertion.entityId}`, {
        key: w.admin,
        json: { revocation_reason: "Awarded by mistake" }
      })
      expect(revoked.status).toBe(200)
      const hosted = yield* call("GET", pathOf(assertion.openBadgeId), { headers: jsonLd })
      expect(hosted.status).toBe(410)
      expect(hosted.body).toEqual({
        "@context": "https://w3id.org/openbadges/v2",
        id: assertion.openBadgeId,
        revoked: true,
        revocationReason: "Awarded by mistake"
      })
      expect((yield* call("GET", `${pathOf(assertion.openBadgeId)}/image`)).status).toBe(410)
      const page = yield* call("GET", pathOf(assertion.openBadgeId), { headers: { accept: "text/html" } })
      expect(page.body).toContain("Revoked.")
      expect(page.body).not.toContain("data-verified=\"true\"")
    }))

  it.effect("an expired assertion says so: its expires is past, and its page says Expired, unverified", () =>
    Effect.gen(function*() {
      const { assertion } = yield* setUp(pngUri(), { expires: "2026-03-11T00:00:00Z" })
      const hosted = yield* call("GET", pathOf(assertion.openBadgeId))
      expect(hosted.status).toBe(200)
      expect(Date.parse(hosted.body.expires)).toBeLessThan(Date.now())
      const page = yield* call("GET", pathOf(assertion.openBadgeId), { headers: { accept: "text/html" } })
      expect(page.body).toContain("Expired.")
      expect(page.body).not.toContain("data-verified=\"true\"")
    }))

  it.effect("a baked PNG holds one openbadges iTXt chunk (CRCs checked) that unbakes to the hosted assertion", () =>
    Effect.gen(function*() {
      const { assertion } = yield* setUp(pngUri())
      const baked = yield* bytes(`${pathOf(assertion.openBadgeId)}/image`)
      expect(baked.status).toBe(200)
      expect(baked.type).toBe("image/png")
      // png-chunks-extract throws on any chunk whose CRC does not match.
      const chunks = extractChunks(baked.body)
      const ours = chunks.filter((chunk) =>
        chunk.name === "iTXt" && Buffer.from(chunk.data).subarray(0, 11).toString("latin1") === "openbadges\0"
      )
      expect(ours).toHaveLength(1)
      expect(chunks.map((chunk) => chunk.name)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"])
      const data = Buffer.from(ours[0]!.data)
      expect([...data.subarray(11, 13)]).toEqual([0, 0]) // uncompressed
      const text = data.subarray(15).toString("utf8") // after empty language tag and translated keyword
      const unbaked = JSON.parse(text)
      const hosted = yield* call("GET", pathOf(unbaked.id), { headers: jsonLd })
      expect(hosted.status).toBe(200)
      expect(hosted.body).toEqual(unbaked)
      expect(unbaked.id).toBe(assertion.openBadgeId)
    }))

  it.effect("a baked SVG has the openbadges namespace and an assertion element that unbakes to the hosted one", () =>
    Effect.gen(function*() {
      const { assertion } = yield* setUp(svgUri())
      const baked = yield* bytes(`${pathOf(assertion.openBadgeId)}/image`)
      expect(baked.status).toBe(200)
      expect(baked.type).toMatch(/^image\/svg\+xml/)
      const svg = Buffer.from(baked.body).toString("utf8")
      expect(svg).toMatch(/^<\?xml version="1.0"\?>\n<svg [^>]*xmlns:openbadges="http:\/\/openbadges.org"[^>]*>/)
      const element = /<openbadges:assertion verify="([^"]+)"><!\[CDATA\[([\s\S]*?)\]\]><\/openbadges:assertion>/
        .exec(svg)
      expect(element).not.toBeNull()
      expect(element![1]).toBe(assertion.openBadgeId)
      expect(svg.match(/<openbadges:assertion/g)).toHaveLength(1)
      const hosted = yield* call("GET", pathOf(element![1]!), { headers: jsonLd })
      expect(hosted.body).toEqual(JSON.parse(element![2]!))
      expect(svg.endsWith("</svg>")).toBe(true)
    }))

  it.effect("an award made through v1 is hosted: its host id hashed, its organisation the issuer", () =>
    Effect.gen(function*() {
      const w = yield* world
      const definition = yield* call("POST", "/api/v1/badge-definitions", {
        key: w.admin,
        json: { name: "First session", description: "", criteria: { type: "session_count", threshold: 1 } }
      })
      expect(definition.status).toBe(201)
      const earned = yield* call("POST", "/api/v1/earned-badges", {
        key: w.system,
        json: { badge_definition_id: definition.body.id, peer_mentor_id: "pm-kari", awarded_by: "system" }
      })
      expect(earned.status).toBe(201)
      const hosted = yield* call("GET", `/public/assertions/${earned.body.id}`)
      expect(hosted.status).toBe(200)
      expect(hosted.body.recipient).toMatchObject({ type: "http://schema.org/identifier", hashed: true })
      expect(JSON.stringify(hosted.body)).not.toContain("pm-kari")
      expect(hosted.body.image).toBeUndefined()
      conformsToContext(hosted.body)
      expect((yield* expanded(hosted.body))[0]!["https://w3id.org/openbadges#recipient"][0]["@type"]).toEqual([
        "http://schema.org/identifier"
      ])
      const badge = yield* call("GET", pathOf(hosted.body.badge))
      expect(badge.body).toMatchObject({ name: "First session", description: "First session" })
      expect(badge.body.criteria.narrative).toBe("First session")
      const profile = yield* call("GET", pathOf(badge.body.issuer))
      expect(profile.body).toMatchObject({ type: "Issuer", name: "HTTP test" })
      expect(profile.body.id).toMatch(new RegExp(`/public/issuers/${w.organisationId}$`))
      conformsToContext(profile.body)
      yield* expanded(badge.body)
      yield* expanded(profile.body)
    }))

  it.effect("unknown ids, paths and unbakeable images answer 404 in JSON", () =>
    Effect.gen(function*() {
      const { assertion } = yield* setUp("https://example.com/elsewhere.png")
      for (const path of ["/public/assertions/award-nope", "/public/badges/nope.json", "/public/issuers/nope"]) {
        const answer = yield* callWithHeaders("GET", path)
        expect(answer.status, path).toBe(404)
        expect(answer.headers["content-type"]).toMatch(/^application\/json/)
        expect(answer.body.error).toEqual(expect.any(String))
      }
      expect((yield* call("GET", "/public/assertions/a/b/c")).status).toBe(404)
      // A NUL byte, which Postgres text cannot hold, is refused at the edge, naming the path; an id over 100
      // characters, which no record has, is just unknown.
      for (const [id, status] of [["%00", 400], ["a%00b", 400], ["x".repeat(200), 404]] as const) {
        for (const prefix of ["/public/assertions/", "/public/badges/", "/public/issuers/"]) {
          expect((yield* call("GET", `${prefix}${id}`)).status, `${prefix}${id}`).toBe(status)
        }
        expect((yield* call("GET", `/public/assertions/${id}/image`)).status).toBe(status)
      }
      const elsewhere = yield* call("GET", `${pathOf(assertion.openBadgeId)}/image`)
      expect(elsewhere.status).toBe(404)
      expect(elsewhere.body.error).toMatch(/cannot be baked/)
      // An image URL of this shape whose hash the server does not hold is an image elsewhere too.
      const missing = yield* setUp(`https://elsewhere.example/images/${"0".repeat(64)}`)
      const notHeld = yield* call("GET", `${pathOf(missing.assertion.openBadgeId)}/image`)
      expect(notHeld.status).toBe(404)
      expect(notHeld.body.error).toMatch(/cannot be baked/)
      const page = yield* callWithHeaders("GET", "/public/assertions/award-nope", { headers: { accept: "text/html" } })
      expect(page.status).toBe(404)
      expect(page.headers["content-type"]).toMatch(/^text\/html/)
    }))
}
