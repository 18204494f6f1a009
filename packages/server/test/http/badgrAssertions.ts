/**
 * Badgr v2 Assertions over real sockets: issue under a BadgeClass and an issuer, read, list with filters and
 * cursors, revoke, duplicates, and awards made elsewhere in the engine listed here.
 */
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { call, callWithHeaders, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const badge = { name: "Math Expert", description: "Mastery of math", image: "https://example.com/math.png" }

/** A world with an issuer and one BadgeClass of it. */
export const setUpBadgeClass: Effect.Effect<
  { readonly w: Effect.Effect.Success<typeof world>; readonly issuerId: string; readonly badgeClass: any },
  never,
  TestServices
> = Effect.gen(function*() {
  const w = yield* world
  const issuer = (yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "School" } })).body as any
  const issuerId = issuer.result[0].entityId as string
  const made = yield* call("POST", "/v2/badgeclasses", { key: w.admin, json: { ...badge, issuer: issuerId } })
  return { w, issuerId, badgeClass: (made.body as any).result[0] }
})

const issue = (key: string, badgeClassId: string, json: Record<string, unknown>) =>
  call("POST", `/v2/badgeclasses/${badgeClassId}/assertions`, { key, json })

/** The Badgr Assertions tests. */
export const badgrAssertions = (it: It) => {
  it.effect("an assertion is issued (201), read, hashed with its salt, and revoked once with a reason", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, w } = yield* setUpBadgeClass
      const made = yield* issue(w.admin, badgeClass.entityId, {
        recipient: { identity: "Kari@Example.com" },
        issuedOn: "2026-03-01T10:00:00Z",
        narrative: "Solved it",
        evidence: [{ url: "https://example.com/work", narrative: "the work" }],
        expires: "2099-01-01T00:00:00Z"
      })
      expect(made.status).toBe(201)
      const assertion = made.body.result[0]
      expect(assertion).toMatchObject({
        entityType: "Assertion",
        badgeclass: badgeClass.entityId,
        badgeclassOpenBadgeId: badgeClass.openBadgeId,
        issuer: issuerId,
        image: badge.image,
        issuedOn: "2026-03-01T10:00:00.000Z",
        narrative: "Solved it",
        evidence: [{ url: "https://example.com/work", narrative: "the work" }],
        revoked: false,
        revocationReason: null,
        expires: "2099-01-01T00:00:00.000Z",
        extensions: {}
      })
      expect(assertion.openBadgeId).toMatch(new RegExp(`/public/assertions/${assertion.entityId}$`))
      const { recipient } = assertion
      expect(recipient).toMatchObject({ type: "email", hashed: true, plaintextIdentity: "Kari@Example.com" })
      const digest = createHash("sha256").update(`Kari@Example.com${recipient.salt}`).digest("hex")
      expect(recipient.identity).toBe(`sha256$${digest}`)
      const got = yield* call("GET", `/v2/assertions/${assertion.entityId}`, { key: w.admin })
      expect(got.body.result).toEqual([assertion])
      const noReason = yield* call("DELETE", `/v2/assertions/${assertion.entityId}`, { key: w.admin, json: {} })
      expect(noReason.status).toBe(400)
      const revoked = yield* call("DELETE", `/v2/assertions/${assertion.entityId}`, {
        key: w.admin,
        json: { revocation_reason: "mistake" }
      })
      expect(revoked.status).toBe(200)
      expect(revoked.body.result[0]).toMatchObject({ revoked: true, revocationReason: "mistake" })
      const again = yield* call("DELETE", `/v2/assertions/${assertion.entityId}`, {
        key: w.admin,
        json: { revocation_reason: "twice" }
      })
      expect(again.status).toBe(400)
      const urlRecipient = yield* issue(w.admin, badgeClass.entityId, {
        recipient: { identity: "https://kari.example", type: "url" }
      })
      expect(urlRecipient.body.result[0].recipient).toEqual({
        identity: "https://kari.example",
        type: "url",
        hashed: false,
        salt: null,
        plaintextIdentity: "https://kari.example"
      })
    }))

  it.effect("allowDuplicateAwards false refuses a recipient holding a live one (400); true, the default, issues", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUpBadgeClass
      const kari = { recipient: { identity: "kari@example.com" } }
      expect((yield* issue(w.admin, badgeClass.entityId, kari)).status).toBe(201)
      expect((yield* issue(w.admin, badgeClass.entityId, kari)).status).toBe(201)
      const refused = yield* issue(w.admin, badgeClass.entityId, { ...kari, allowDuplicateAwards: false })
      expect(refused.status).toBe(400)
      const other = yield* issue(w.admin, badgeClass.entityId, {
        recipient: { identity: "ola@example.com" },
        allowDuplicateAwards: false
      })
      expect(other.status).toBe(201)
    }))

  it.effect("bad input is 400, another organisation's assertion 404, a read-only token may not issue", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUpBadgeClass
      const bad = yield* issue(w.admin, badgeClass.entityId, { recipient: { identity: "k@x.no", type: "fax" } })
      expect(bad.status).toBe(400)
      const badDate = yield* issue(w.admin, badgeClass.entityId, { recipient: { identity: "k@x.no" }, issuedOn: "x" })
      expect(badDate.status).toBe(400)
      const made = (yield* issue(w.admin, badgeClass.entityId, { recipient: { identity: "k@x.no" } })).body
      const other = yield* world
      const foreign = yield* call("GET", `/v2/assertions/${made.result[0].entityId}`, { key: other.admin })
      expect(foreign.status).toBe(404)
      const badNum = yield* call("GET", `/v2/badgeclasses/${badgeClass.entityId}/assertions?num=0`, { key: w.admin })
      expect(badNum.status).toBe(400)
      const badCursor = yield* call("GET", `/v2/badgeclasses/${badgeClass.entityId}/assertions?after=x`, {
        key: w.admin
      })
      expect(badCursor.status).toBe(400)
    }))

  it.effect("a listing filters by recipient, revoked and expired, and pages by cursor in a Link header", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, w } = yield* setUpBadgeClass
      const ids: Array<string> = []
      for (const identity of ["a@x.no", "b@x.no", "c@x.no", "d@x.no"]) {
        ids.push((yield* issue(w.admin, badgeClass.entityId, { recipient: { identity } })).body.result[0].entityId)
      }
      yield* issue(w.admin, badgeClass.entityId, { recipient: { identity: "e@x.no" }, expires: "2001-01-01T00:00:00Z" })
      yield* call("DELETE", `/v2/assertions/${ids[3]}`, { key: w.admin, json: { revocation_reason: "r" } })
      const path = `/v2/badgeclasses/${badgeClass.entityId}/assertions`
      const first = yield* callWithHeaders("GET", `${path}?num=2`, { key: w.admin })
      expect(first.body.result.map((one: any) => one.entityId)).toEqual(ids.slice(0, 2))
      const links = (header: string | undefined) =>
        Object.fromEntries(
          [...(header ?? "").matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => {
            const url = new URL(m[1]!)
            return [m[2]!, url.pathname + url.search]
          })
        )
      expect(Object.keys(links(first.headers["link"]))).toEqual(["next"])
      const second = yield* callWithHeaders("GET", links(first.headers["link"]).next!, { key: w.admin })
      expect(second.body.result.map((one: any) => one.entityId)).toEqual([ids[2]])
      expect(Object.keys(links(second.headers["link"]))).toEqual(["prev"])
      const back = yield* callWithHeaders("GET", links(second.headers["link"]).prev!, { key: w.admin })
      expect(back.body.result.map((one: any) => one.entityId)).toEqual(ids.slice(0, 2))
      expect(Object.keys(links(back.headers["link"]))).toEqual(["next"])
      const narrow = yield* callWithHeaders(
        "GET",
        `${path}?num=1&before=${links(second.headers["link"]).prev!.split("before=")[1]}`,
        { key: w.admin }
      )
      expect(narrow.body.result.map((one: any) => one.entityId)).toEqual([ids[1]])
      expect(Object.keys(links(narrow.headers["link"]))).toEqual(["next", "prev"])
      const both = yield* call("GET", `${path}?after=1&before=2`, { key: w.admin })
      expect(both.status).toBe(400)
      const all = yield* call("GET", `${path}?include_revoked=true&include_expired=true`, { key: w.admin })
      expect(all.body.result).toHaveLength(5)
      const revokedToo = yield* call("GET", `${path}?include_revoked=true`, { key: w.admin })
      expect(revokedToo.body.result).toHaveLength(4)
      const some = yield* call("GET", `${path}?recipient=a@x.no&recipient=c@x.no`, { key: w.admin })
      expect(some.body.result.map((one: any) => one.entityId)).toEqual([ids[0], ids[2]])
      const ofIssuer = yield* call("GET", `/v2/issuers/${issuerId}/assertions`, { key: w.admin })
      expect(ofIssuer.body.result.map((one: any) => one.entityId)).toEqual(ids.slice(0, 3))
    }))

  it.effect("issuing under an issuer needs badgeclass or badgeclassOpenBadgeId of that issuer", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, w } = yield* setUpBadgeClass
      const path = `/v2/issuers/${issuerId}/assertions`
      const recipient = { identity: "kari@example.com" }
      const missing = yield* call("POST", path, { key: w.admin, json: { recipient } })
      expect(missing.status).toBe(400)
      expect(missing.body.fieldErrors).toHaveProperty("badgeclass")
      const byId = yield* call("POST", path, { key: w.admin, json: { recipient, badgeclass: badgeClass.entityId } })
      expect(byId.status).toBe(201)
      const byOpenBadgeId = yield* call("POST", path, {
        key: w.admin,
        json: { recipient, badgeclassOpenBadgeId: badgeClass.openBadgeId }
      })
      expect(byOpenBadgeId.status).toBe(201)
      const other = (yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "Other" } })).body
      const wrong = yield* call("POST", `/v2/issuers/${other.result[0].entityId}/assertions`, {
        key: w.admin,
        json: { recipient, badgeclass: badgeClass.entityId }
      })
      expect(wrong.status).toBe(400)
    }))
}
