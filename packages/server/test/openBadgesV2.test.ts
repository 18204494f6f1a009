/**
 * Open Badges 2.0 without a server: baking and unbaking PNG and SVG, content negotiation, the achievement a
 * definition describes and the recipient's hash; and hosted ids under a public URL with a path.
 */
import {
  Achievement,
  BadgeDefinition,
  type BadgeDefinitionId,
  CriteriaItem,
  type OrganisationId,
  Recipient,
  RecipientIdentity
} from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { describe, expect, it as vitest, layer } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import fc from "fast-check"
import { deflateSync } from "node:zlib"
import encodeChunks from "png-chunks-encode"
import extractChunks from "png-chunks-extract"
import * as Baking from "../src/openbadges/Baking.js"
import { suffixed, wantsHtml } from "../src/openbadges/v2/Negotiation.js"
import * as Server from "../src/Server.js"
import { call, serverUnderTest, world } from "./http/harness.js"

const png = encodeChunks([
  { name: "IHDR", data: new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]) },
  { name: "IDAT", data: new Uint8Array(deflateSync(new Uint8Array([0, 1, 2, 3, 255]))) },
  { name: "IEND", data: new Uint8Array(0) }
])

describe("baking", () => {
  vitest("a PNG bakes any text into one openbadges iTXt chunk before IEND, CRCs intact, and unbakes to it", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.string(), (first, second) => {
      const once = Baking.bakePng(png, "openbadges", first)!
      expect(Baking.unbakePng(once, "openbadges")).toEqual([first])
      // Baking a baked image replaces its assertion: still exactly one chunk.
      const twice = Baking.bakePng(once, "openbadges", second)!
      expect(Baking.unbakePng(twice, "openbadges")).toEqual([second])
      expect(extractChunks(twice).map((chunk) => chunk.name)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"])
    }))
  })

  vitest("the iTXt chunk is uncompressed, with an empty language tag and translated keyword", () => {
    const chunk = extractChunks(Baking.bakePng(png, "openbadges", "{}")!).find((one) => one.name === "iTXt")!
    expect(Buffer.from(chunk.data).toString("latin1")).toBe("openbadges\0\0\0\0\0{}")
  })

  vitest("bytes that are not a PNG are refused, not baked, and unbake to nothing", () => {
    expect(Baking.bakePng(new Uint8Array([1, 2, 3]), "openbadges", "{}")).toBeUndefined()
    expect(Baking.unbakePng(new Uint8Array([1, 2, 3]), "openbadges")).toEqual([])
  })

  vitest(
    "an SVG gets the namespace on its root and the assertion as its first child, its JSON kept out of CDATA's end",
    () => {
      const json = JSON.stringify({ id: "https://x.example/public/assertions/a", narrative: "]]> <b>" })
      const baked = Baking.bakeSvg(
        `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" data-note="a > b"><g/></svg>`,
        "openbadges",
        json,
        "https://x.example/public/assertions/a?x=1&y=\"2\""
      )!
      expect(baked).toMatch(
        /^<\?xml version="1.0"\?><svg xmlns="http:\/\/www.w3.org\/2000\/svg" data-note="a > b" xmlns:openbadges="http:\/\/openbadges.org"><openbadges:assertion verify="https:\/\/x.example\/public\/assertions\/a\?x=1&amp;y=&quot;2&quot;"><!\[CDATA\[/
      )
      const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(baked)![1]!
      expect(JSON.parse(cdata)).toEqual(JSON.parse(json))
      expect(baked.endsWith("]]></openbadges:assertion><g/></svg>")).toBe(true)
      expect(Baking.bakeSvg(`<svg xmlns="http://www.w3.org/2000/svg"/>`, "openbadges", "{}", "u")).toBe(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="u"><![CDATA[{}]]></openbadges:assertion></svg>`
      )
      expect(Baking.bakeSvg("not an svg", "openbadges", "{}", "u")).toBeUndefined()
    }
  )

  vitest("2.0 and 3.0 bake under their own keywords: each replaces only its own and unbakes to its own", () => {
    const both = Baking.bakePng(Baking.bakePng(png, "openbadges", "assertion")!, "openbadgecredential", "credential")!
    const again = Baking.bakePng(both, "openbadgecredential", "credential 2")!
    expect(Baking.unbakePng(again, "openbadges")).toEqual(["assertion"])
    expect(Baking.unbakePng(again, "openbadgecredential")).toEqual(["credential 2"])
    const svg = Baking.bakeSvg(
      `<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`,
      "openbadgecredential",
      "{\"a\":1}"
    )!
    const twice = Baking.bakeSvg(svg, "openbadgecredential", "{\"a\":\">\"}")!
    expect(twice).toContain(`xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`)
    expect(twice.match(/<openbadges:credential>/g)).toHaveLength(1)
    expect(JSON.parse(Baking.unbakeSvg(twice, "openbadgecredential")!)).toEqual({ a: ">" })
    expect(Baking.unbakeSvg(twice, "openbadges")).toBeUndefined()
  })

  vitest("only images uploaded here are baked: their hash is found in their URL", () => {
    const hash = "a".repeat(64)
    expect(Baking.uploadedHash(`https://badges.example.org/images/${hash}`)).toBe(hash)
    expect(Baking.uploadedHash("https://elsewhere.example/badge.png")).toBeUndefined()
    expect(Baking.uploadedHash(undefined)).toBeUndefined()
  })
})

describe("content negotiation", () => {
  vitest("HTML only for an Accept that ranks HTML above JSON; .json and ?v=2_0 always JSON", () => {
    const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    expect(wantsHtml("/public/assertions/a", browser)).toBe(true)
    expect(wantsHtml("/public/assertions/a?v=2_0", browser)).toBe(false)
    expect(wantsHtml("/public/assertions/a", undefined)).toBe(false)
    expect(wantsHtml("/public/assertions/a", "*/*")).toBe(false)
    expect(wantsHtml("/public/assertions/a", "application/ld+json")).toBe(false)
    expect(wantsHtml("/public/assertions/a", "text/html;q=0.5, application/json")).toBe(false)
    expect(wantsHtml("/public/assertions/a", "text/html, application/json;q=0.5")).toBe(true)
    expect(suffixed("award-1.json")).toEqual({ id: "award-1", json: true })
    expect(suffixed("award-1")).toEqual({ id: "award-1", json: false })
  })
})

const now = DateTime.unsafeMake("2026-03-01T00:00:00Z")
const definition = (fields: Partial<ConstructorParameters<typeof BadgeDefinition>[0]> = {}) =>
  new BadgeDefinition({
    id: "bdg-1" as BadgeDefinitionId,
    serial: 1,
    organisationId: "org-1" as OrganisationId,
    slug: "keynote",
    name: "Keynote speaker",
    description: "Gave the keynote",
    criteria: [],
    categories: [],
    tags: ["speaking"],
    milestones: [],
    isCertificate: false,
    unique: true,
    ruleVersion: 1,
    createdAt: now,
    updatedAt: now,
    ...fields
  })

describe("the achievement of a definition", () => {
  vitest("criteria: its URL and narrative; else its items as a Markdown list; else its description", () => {
    expect(Achievement.criteriaOf(definition({ criteriaUrl: "https://x.example/c", criteriaNarrative: "Do it" })))
      .toEqual({ id: "https://x.example/c", narrative: "Do it" })
    expect(Achievement.criteriaOf(definition({ criteriaUrl: "https://x.example/c" })))
      .toEqual({ id: "https://x.example/c", narrative: undefined })
    const items = [
      new CriteriaItem({ description: "Speak", required: true }),
      new CriteriaItem({ description: "Take questions", required: false, note: "if time allows" })
    ]
    expect(Achievement.criteriaOf(definition({ criteria: items }))).toEqual({
      id: undefined,
      narrative: "- Speak\n- Take questions (optional): if time allows"
    })
    expect(Achievement.criteriaOf(definition())).toEqual({ id: undefined, narrative: "Gave the keynote" })
    expect(Achievement.achievementOf(definition({ description: " " })).description).toBe("Keynote speaker")
  })
})

describe("the recipient's identity", () => {
  const secret = fc.uint8Array({ minLength: 32, maxLength: 32 })

  vitest("emails, telephones and host ids are hashed with the award's salt; URLs and profiles are not", () => {
    fc.assert(fc.property(secret, fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (key, awardId, value) => {
      const salt = RecipientIdentity.saltUnder(key, awardId)
      for (const kind of ["email", "telephone", "id"] as const) {
        const identity = RecipientIdentity.identityOf(new Recipient({ kind, value }), salt)
        expect(identity).toMatchObject({ type: kind, hashed: true, salt })
        expect(identity.identity).toMatch(/^sha256\$[0-9a-f]{64}$/)
        expect(RecipientIdentity.matches(identity, value)).toBe(true)
        expect(RecipientIdentity.matches(identity, `${value}x`)).toBe(false)
      }
      const profile = RecipientIdentity.identityOf(new Recipient({ kind: "profile", value }), salt)
      expect(profile).toEqual({ type: "url", hashed: false, identity: value, salt: undefined })
    }))
  })

  vitest("the salt is the same each time under one secret and cannot be computed from the award's id alone", () => {
    fc.assert(fc.property(secret, secret, fc.string(), (one, other, awardId) => {
      fc.pre(Buffer.compare(one, other) !== 0)
      expect(RecipientIdentity.saltUnder(one, awardId)).toBe(RecipientIdentity.saltUnder(Uint8Array.from(one), awardId))
      // Two servers (two secrets) salt the same award differently: knowing the id gives nothing to test guesses with.
      expect(RecipientIdentity.saltUnder(one, awardId)).not.toBe(RecipientIdentity.saltUnder(other, awardId))
      expect(RecipientIdentity.saltUnder(one, awardId)).toMatch(/^[A-Za-z0-9_-]{22}$/)
    }))
  })
})

layer(
  serverUnderTest(SqliteStore.layer({ filename: ":memory:" }), Server.contracts, {
    publicUrl: "https://example.org/badges"
  }),
  { excludeTestServices: true }
)("hosted behind a proxy's path", (it) => {
  it.effect("every id starts with the public URL, path and all; the server answers them without the path", () =>
    Effect.gen(function*() {
      const w = yield* world
      const issuer = yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "School" } })
      const made = yield* call("POST", "/v2/badgeclasses", {
        key: w.admin,
        json: {
          issuer: issuer.body.result[0].entityId,
          name: "Math",
          description: "Math",
          image: "https://x.example/m.png"
        }
      })
      const assertion = yield* call("POST", `/v2/badgeclasses/${made.body.result[0].entityId}/assertions`, {
        key: w.admin,
        json: { recipient: { identity: "kari@example.com" } }
      })
      const id = assertion.body.result[0].entityId as string
      const hosted = yield* call("GET", `/public/assertions/${id}`)
      expect(hosted.body.id).toBe(`https://example.org/badges/public/assertions/${id}`)
      expect(hosted.body.badge).toBe(made.body.result[0].openBadgeId)
      expect(hosted.body.badge).toMatch(/^https:\/\/example\.org\/badges\/public\/badges\//)
      const page = yield* call("GET", `/public/assertions/${id}`, { headers: { accept: "text/html" } })
      expect(page.body).toContain(`href="/badges/public/assertions/${id}.json"`)
    }))
})
