/**
 * Deleting BadgeKit systems, issuers and programs: a record goes only while nothing hangs under it (archived badges
 * count), a refusal is a 409 naming what is still there, and a delete racing badge creates never orphans a badge.
 */
import { BadgeKitKeys, Organisations } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { fresh, hierarchy, required } from "./badgekit.js"
import { badgekit, json } from "./badgekitClient.js"
import type { TestServices } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** The 404 BadgeKit answers for a record that is not there. */
const notFound = (entity: string, slug: string) => ({
  code: "ResourceNotFound",
  message: `Could not find ${entity} field: \`slug\`, value: \`${slug}\``
})

/** The BadgeKit delete tests. */
export const badgekitDeleteTests = (it: It) => {
  it.effect("an empty program, issuer and system are deleted, answered as they were, then not found", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const program = yield* badgekit("DELETE", h.programPath)
      expect(program.status).toBe(200)
      expect(program.body).toMatchObject({ status: "deleted", program: { slug: h.program, name: "Program" } })
      expect(yield* badgekit("GET", h.programPath)).toMatchObject({ status: 404, body: notFound("program", h.program) })
      const issuer = yield* badgekit("DELETE", `${h.issuerPath}/`)
      expect(issuer.status).toBe(200)
      expect(issuer.body).toMatchObject({ status: "deleted", issuer: { slug: h.issuer, name: "Issuer" } })
      expect(yield* badgekit("GET", h.issuerPath)).toMatchObject({ status: 404, body: notFound("issuer", h.issuer) })
      const system = yield* badgekit("DELETE", h.systemPath)
      expect(system.status).toBe(200)
      expect(system.body).toMatchObject({ status: "deleted", system: { slug: h.system, name: "System", issuers: [] } })
      expect(yield* badgekit("GET", h.systemPath)).toMatchObject({ status: 404, body: notFound("system", h.system) })
      expect((yield* badgekit("DELETE", h.systemPath)).status).toBe(404)
      // The slug is free again.
      expect((yield* badgekit("POST", "/systems", { body: json({ slug: h.system, name: "Again" }) })).status).toBe(201)
    }))

  it.effect("a record with anything under it, archived badges included, is a 409 naming what is there", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const slug = fresh("kept")
      expect(
        (yield* badgekit("POST", `${h.programPath}/badges`, { body: json({ ...required("Kept"), slug }) })).status
      ).toBe(201)
      const archived = yield* badgekit("PUT", `${h.programPath}/badges/${slug}`, { body: json({ archived: true }) })
      expect(archived.body.badge.archived).toBe(true)

      const program = yield* badgekit("DELETE", h.programPath)
      expect(program.status).toBe(409)
      expect(program.body).toEqual({
        code: "ResourceConflict",
        error: `program \`${h.program}\` cannot be deleted while it has badges`,
        details: { badges: 1 }
      })
      const issuer = yield* badgekit("DELETE", h.issuerPath)
      expect(issuer.status).toBe(409)
      expect(issuer.body).toMatchObject({ code: "ResourceConflict", details: { programs: 1 } })
      const system = yield* badgekit("DELETE", h.systemPath)
      expect(system.status).toBe(409)
      expect(system.body).toMatchObject({ code: "ResourceConflict", details: { issuers: 1, badges: 1 } })
      expect((yield* badgekit("GET", `${h.programPath}/badges/${slug}`)).status).toBe(200)

      // Emptied from the bottom up, each goes.
      expect((yield* badgekit("DELETE", `${h.programPath}/badges/${slug}`)).status).toBe(200)
      expect((yield* badgekit("DELETE", h.programPath)).status).toBe(200)
      expect((yield* badgekit("DELETE", h.issuerPath)).status).toBe(200)
      expect((yield* badgekit("DELETE", h.systemPath)).status).toBe(200)
    }))

  it.effect("a delete racing badge creates under the same program: the delete fails or the creates do, no orphan", () =>
    Effect.gen(function*() {
      for (let round = 0; round < 4; round++) {
        const h = yield* hierarchy
        const creates = Array.from(
          { length: 6 },
          (_, i) =>
            badgekit("POST", `${h.programPath}/badges`, { body: json({ ...required("Raced"), slug: fresh(`r${i}`) }) })
        )
        const answers = yield* Effect.all([badgekit("DELETE", h.programPath), ...creates], {
          concurrency: "unbounded"
        })
        const [deleted, ...made] = answers
        for (const answer of answers) expect(answer.status).toBeLessThan(500)
        const createdSlugs = made.filter((answer) => answer.status === 201).map((answer) => answer.body.badge.slug)
        // A create that lost finds the program gone: 404, as BadgeKit answers a missing program.
        for (const answer of made.filter((answer) => answer.status !== 201)) {
          expect(answer).toMatchObject({ status: 404, body: notFound("program", h.program) })
        }
        if (deleted!.status === 200) {
          expect(createdSlugs).toEqual([])
          expect((yield* badgekit("GET", h.programPath)).status).toBe(404)
        } else {
          expect(deleted!.status).toBe(409)
          expect(createdSlugs.length).toBeGreaterThan(0)
          expect((yield* badgekit("GET", h.programPath)).status).toBe(200)
        }
        // Every badge created is still reachable under its program: none was left pointing at nothing.
        const listed = yield* badgekit("GET", `${h.systemPath}/badges?archived=any`)
        expect(listed.body.badges.map((badge: { slug: string }) => badge.slug).sort()).toEqual(createdSlugs.sort())
        for (const slug of createdSlugs) {
          expect((yield* badgekit("GET", `${h.programPath}/badges/${slug}`)).status).toBe(200)
        }
      }
    }))

  it.effect("a consumer key deletes within its own system only", () =>
    Effect.gen(function*() {
      const mine = yield* hierarchy
      const other = yield* hierarchy
      const organisations = yield* Organisations.Organisations
      const keys = yield* BadgeKitKeys.BadgeKitKeys
      const name = fresh("deleter")
      const created = yield* keys.create({ organisationId: (yield* organisations.getBySlug(mine.system)).id, name })
      const signer = { key: name, secret: Redacted.value(created.secret) }
      const refused = yield* badgekit("DELETE", other.programPath, signer)
      expect(refused).toMatchObject({ status: 403, body: { code: "NotAuthorized" } })
      expect((yield* badgekit("GET", other.programPath)).status).toBe(200)
      expect((yield* badgekit("DELETE", mine.programPath, signer)).status).toBe(200)
      expect((yield* badgekit("DELETE", mine.issuerPath, signer)).status).toBe(200)
    }))
}
