/**
 * Badgr v2 BadgeClasses over real sockets: create, read, list, update, archive, reactivate, refs, duplicates and
 * hard deletes, with scopes and another organisation's ids.
 */
import { ApiKeys, Awards, Definitions, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const scopedKey = (organisationId: string, scopes: string) =>
  Effect.flatMap(
    ApiKeys.ApiKeys,
    (keys) => keys.create({ role: "admin", organisationId: organisationId as never, scopes, name: "scoped" })
  ).pipe(Effect.map((made) => Redacted.value(made.key)), Effect.orDie)

const badge = { name: "Math Expert", description: "Mastery of math", image: "https://example.com/math.png" }

/** A world with an issuer and one BadgeClass of it. */
const setUp = Effect.gen(function*() {
  const w = yield* world
  const issuer = (yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "School" } })).body as any
  const issuerId = issuer.result[0].entityId as string
  const made = yield* call("POST", "/v2/badgeclasses", { key: w.admin, json: { ...badge, issuer: issuerId } })
  return { w, issuerId, made, badgeClass: (made.body as any).result[0] }
})

const refOf = (openBadgeId: string) => Buffer.from(openBadgeId).toString("base64url")

/** The Badgr BadgeClasses tests. */
export const badgrBadgeClasses = (it: It) => {
  it.effect("a BadgeClass is created (201) on both routes, read by entityId, serial and ref, listed, and in v1", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, made, w } = yield* setUp
      expect(made.status).toBe(201)
      expect(badgeClass).toMatchObject({
        entityType: "BadgeClass",
        issuer: issuerId,
        name: "Math Expert",
        image: badge.image,
        alignments: [],
        tags: [],
        expires: null,
        archived: false,
        archivalNote: null
      })
      expect(badgeClass.openBadgeId).toMatch(new RegExp(`/public/badges/${badgeClass.entityId}$`))
      expect(badgeClass.issuerOpenBadgeId).toMatch(new RegExp(`/public/issuers/${issuerId}$`))
      const second = yield* call("POST", `/v2/issuers/${issuerId}/badgeclasses`, {
        key: w.admin,
        json: { ...badge, name: "Second", tags: ["math"], expires: { amount: 2, duration: "weeks" } }
      })
      expect(second.status).toBe(201)
      expect((second.body as any).result[0]).toMatchObject({
        tags: ["math"],
        expires: { amount: 14, duration: "days" }
      })
      const got = yield* call("GET", `/v2/badgeclasses/${badgeClass.entityId}`, { key: w.admin })
      expect((got.body as any).result).toEqual([badgeClass])
      const v1 = yield* call("GET", `/api/v1/badge-definitions/${badgeClass.entityId}`, { key: w.admin })
      expect(v1.status).toBe(200)
      const { definition } = yield* Effect.flatMap(Definitions.Definitions, (all) => all.get(badgeClass.entityId))
        .pipe(Effect.orDie)
      const bySerial = yield* call("GET", `/v2/badgeclasses/${definition.serial}`, { key: w.admin })
      expect((bySerial.body as any).result).toEqual([badgeClass])
      const byRef = yield* call("GET", `/v2/badgeclasses/ref/${refOf(badgeClass.openBadgeId)}`, { key: w.admin })
      expect((byRef.body as any).result).toEqual([badgeClass])
      const all = yield* call("GET", "/v2/badgeclasses", { key: w.admin })
      expect((all.body as any).result.map((one: any) => one.name)).toEqual(["Math Expert", "Second"])
      const ofIssuer = yield* call("GET", `/v2/issuers/${issuerId}/badgeclasses`, { key: w.admin })
      expect((ofIssuer.body as any).result).toHaveLength(2)
      const listed = yield* call("GET", "/api/v1/badge-definitions", { key: w.admin })
      expect((listed.body as any).data.map((one: any) => one.id)).toContain(badgeClass.entityId)
    }))

  it.effect("PUT replaces a BadgeClass's fields, by id and by ref; bad input names the field", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUp
      const put = yield* call("PUT", `/v2/badgeclasses/${badgeClass.entityId}`, {
        key: w.admin,
        json: {
          ...badge,
          name: "Renamed",
          criteriaUrl: "https://example.com/c",
          expires: { amount: 1, duration: "years" }
        }
      })
      expect(put.status).toBe(200)
      expect((put.body as any).result[0]).toMatchObject({
        name: "Renamed",
        criteriaUrl: "https://example.com/c",
        expires: { amount: 365, duration: "days" }
      })
      const byRef = yield* call("PUT", `/v2/badgeclasses/ref/${refOf(badgeClass.openBadgeId)}`, {
        key: w.admin,
        json: badge
      })
      expect((byRef.body as any).result[0]).toMatchObject({ name: "Math Expert", criteriaUrl: null, expires: null })
      const cases: Array<[string, Record<string, unknown>]> = [
        ["name", { ...badge, name: "x".repeat(1025) }],
        ["description", { ...badge, description: "x".repeat(16385) }],
        ["criteriaUrl", { ...badge, criteriaUrl: "not a uri" }],
        ["image", { ...badge, image: "data:image/png;base64,AA" }],
        ["image", { ...badge, image: "ftp://example.com/a.png" }]
      ]
      for (const [field, json] of cases) {
        const bad = yield* call("PUT", `/v2/badgeclasses/${badgeClass.entityId}`, { key: w.admin, json })
        expect(bad.status).toBe(400)
        expect(Object.keys((bad.body as any).fieldErrors)).toContain(field)
      }
      const upload = yield* call("POST", "/v2/badgeclasses", {
        key: w.admin,
        json: { ...badge, issuer: badgeClass.issuer, image: "data:image/png;base64,AA" }
      })
      expect((upload.body as any).fieldErrors.image[0]).toContain("valid base64")
      const noIssuer = yield* call("POST", "/v2/badgeclasses", { key: w.admin, json: badge })
      expect(noIssuer.status).toBe(400)
      expect(Object.keys((noIssuer.body as any).fieldErrors)).toContain("issuer")
      const unknownIssuer = yield* call("POST", "/v2/badgeclasses", {
        key: w.admin,
        json: { ...badge, issuer: "iss-missing" }
      })
      expect(unknownIssuer.status).toBe(400)
      expect(Object.keys((unknownIssuer.body as any).fieldErrors)).toContain("issuer")
    }))

  it.effect("DELETE archives (204, note kept), include_archived shows it, reactivate brings it back", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUp
      const path = `/v2/badgeclasses/${badgeClass.entityId}`
      const gone = yield* call("DELETE", `${path}?archivalNote=retired`, { key: w.admin })
      expect(gone.status).toBe(204)
      expect((yield* call("GET", path, { key: w.admin })).status).toBe(404)
      expect(((yield* call("GET", "/v2/badgeclasses", { key: w.admin })) as any).body.result).toEqual([])
      const archived = yield* call("GET", `${path}?include_archived=true`, { key: w.admin })
      expect((archived.body as any).result[0]).toMatchObject({ archived: true, archivalNote: "retired" })
      const listed = yield* call("GET", "/v2/badgeclasses?include_archived=true", { key: w.admin })
      expect((listed.body as any).result).toHaveLength(1)
      const back = yield* call("POST", `/v2/badgeclasses/reactivate/${badgeClass.entityId}`, { key: w.admin })
      expect(back.status).toBe(200)
      expect((back.body as any).result[0]).toMatchObject({ archived: false })
      const ref = refOf(badgeClass.openBadgeId)
      expect((yield* call("DELETE", `/v2/badgeclasses/ref/${ref}`, { key: w.admin })).status).toBe(204)
      const again = yield* call("POST", `/v2/badgeclasses/reactivate/ref/${ref}`, { key: w.admin })
      expect((again.body as any).result[0]).toMatchObject({ archived: false })
      expect((yield* call("GET", `${path}?include_archived=maybe`, { key: w.admin })).status).toBe(400)
      expect((yield* call("GET", "/v2/badgeclasses/ref/bm9wZQ", { key: w.admin })).status).toBe(404)
    }))

  it.effect("duplicate answers 201 with a copy under the new name", () =>
    Effect.gen(function*() {
      const { badgeClass, w } = yield* setUp
      const copy = yield* call("POST", `/v2/badgeclasses/${badgeClass.entityId}/duplicate`, {
        key: w.admin,
        json: { newName: "Math Expert II" }
      })
      expect(copy.status).toBe(201)
      const made = (copy.body as any).result[0]
      expect(made).toMatchObject({ name: "Math Expert II", description: badge.description, issuer: badgeClass.issuer })
      expect(made.entityId).not.toBe(badgeClass.entityId)
      const bad = yield* call("POST", `/v2/badgeclasses/${badgeClass.entityId}/duplicate`, { key: w.admin, json: {} })
      expect(Object.keys((bad.body as any).fieldErrors)).toContain("newName")
    }))

  it.effect("hard_delete removes a BadgeClass never awarded; one with an award is refused (400)", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, w } = yield* setUp
      const path = `/v2/badgeclasses/${badgeClass.entityId}`
      expect((yield* call("DELETE", `${path}?hard_delete=true`, { key: w.admin })).status).toBe(204)
      expect((yield* call("GET", `${path}?include_archived=true`, { key: w.admin })).status).toBe(404)
      const other = yield* call("POST", "/v2/badgeclasses", { key: w.admin, json: { ...badge, issuer: issuerId } })
      const awarded = (other.body as any).result[0]
      yield* Effect.flatMap(Awards.Awards, (awards) =>
        awards.award({
          definitionId: awarded.entityId,
          recipient: new Recipient({ kind: "email", value: "ola@example.org" }),
          awardedBy: "test"
        })).pipe(Effect.orDie)
      const refused = yield* call("DELETE", `/v2/badgeclasses/${awarded.entityId}?hard_delete=true`, { key: w.admin })
      expect(refused.status).toBe(400)
      expect((yield* call("GET", `/v2/badgeclasses/${awarded.entityId}`, { key: w.admin })).status).toBe(200)
    }))

  it.effect("scopes: none is 401, r:issuer reads only, rw:issuer:<id> reaches one issuer; others' ids are 404", () =>
    Effect.gen(function*() {
      const { badgeClass, issuerId, w } = yield* setUp
      const path = `/v2/badgeclasses/${badgeClass.entityId}`
      expect((yield* call("GET", path)).status).toBe(401)
      expect((yield* call("GET", path, { key: w.coordinator })).status).toBe(403)
      const reader = yield* scopedKey(w.organisationId, "r:issuer")
      expect((yield* call("GET", path, { key: reader })).status).toBe(200)
      expect((yield* call("PUT", path, { key: reader, json: badge })).status).toBe(403)
      expect((yield* call("DELETE", path, { key: reader })).status).toBe(403)
      const elsewhere = (yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "Other" } })).body as any
      const oneIssuer = yield* scopedKey(w.organisationId, `rw:issuer:${elsewhere.result[0].entityId}`)
      expect((yield* call("GET", path, { key: oneIssuer })).status).toBe(403)
      expect(((yield* call("GET", "/v2/badgeclasses", { key: oneIssuer })) as any).body.result).toEqual([])
      const create = { ...badge, issuer: issuerId }
      expect((yield* call("POST", "/v2/badgeclasses", { key: oneIssuer, json: create })).status).toBe(403)
      const other = yield* world
      for (const [method, url] of [["GET", path], ["PUT", path], ["DELETE", path], ["POST", `${path}/duplicate`]]) {
        const json = method === "POST" ? { newName: "Mine" } : method === "PUT" ? badge : undefined
        const answer = yield* call(method!, url!, { key: other.admin, ...(json === undefined ? {} : { json }) })
        expect(answer.status).toBe(404)
      }
      expect((yield* call("GET", `/v2/issuers/${issuerId}/badgeclasses`, { key: other.admin })).status).toBe(404)
      expect((yield* call("GET", "/v2/badgeclasses/bdg-missing", { key: w.admin })).status).toBe(404)
      expect((yield* call("GET", "/v2/badgeclasses/999999", { key: w.admin })).status).toBe(404)
    }))
}
