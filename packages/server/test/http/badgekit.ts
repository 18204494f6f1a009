/**
 * BadgeKit over real sockets, driven by a small BadgeKit client that signs as BadgeKit's published rules say: the
 * hierarchy, badges by JSON, form and multipart at every level, listings with `archived` and paging, updates,
 * deletes, slugs unique on the whole server, and the requests that are refused.
 */
import { BadgeKitKeys, Definitions, Organisations } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { badgekit, form, json, multipart } from "./badgekitClient.js"
import { baseUrl, type TestServices } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

let counter = 0
/** A slug no other test uses. */
export const fresh = (stem: string) => `${stem}-${process.pid}-${Date.now().toString(36)}-${counter++}`

/** BadgeKit's required badge fields. */
export const required = (name: string) => ({
  name,
  earnerDescription: "For earners.",
  consumerDescription: "For consumers.",
  type: "skill",
  imageUrl: "https://example.org/badge.png"
})

const png = (tail: string) =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(tail)])

/** A system with an issuer and a program, made through the API with the master key. */
export const hierarchy = Effect.gen(function*() {
  const system = fresh("sys")
  const issuer = fresh("iss")
  const program = fresh("prg")
  const sys = yield* badgekit("POST", "/systems", { body: json({ slug: system, name: "System" }) })
  expect(sys.body).toMatchObject({ status: "created" })
  expect(
    (yield* badgekit("POST", `/systems/${system}/issuers`, { body: json({ slug: issuer, name: "Issuer" }) })).status
  )
    .toBe(201)
  const made = yield* badgekit("POST", `/systems/${system}/issuers/${issuer}/programs`, {
    body: json({ slug: program, name: "Program" })
  })
  expect(made.status).toBe(201)
  return {
    system,
    issuer,
    program,
    systemPath: `/systems/${system}`,
    issuerPath: `/systems/${system}/issuers/${issuer}`,
    programPath: `/systems/${system}/issuers/${issuer}/programs/${program}`
  }
})

/** The BadgeKit tests. */
export const badgekitTests = (it: It) => {
  it.effect("the master key creates systems, issuers and programs, nested as BadgeKit nests them", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const system = yield* badgekit("GET", h.systemPath)
      expect(system.status).toBe(200)
      expect(system.body.system).toMatchObject({
        slug: h.system,
        name: "System",
        url: null,
        issuers: [{ slug: h.issuer, name: "Issuer", programs: [{ slug: h.program, name: "Program" }] }]
      })
      expect(system.body.system.id).toEqual(expect.any(Number))
      const again = yield* badgekit("POST", `${h.systemPath}/issuers`, {
        body: json({ slug: h.issuer, name: "Again" })
      })
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ code: "ResourceConflict", error: "issuer with that `slug` already exists" })
      const updated = yield* badgekit("PUT", h.issuerPath, { body: json({ email: "issuer@example.org" }) })
      expect(updated.status).toBe(200)
      expect(updated.body).toMatchObject({ status: "updated", issuer: { name: "Issuer", email: "issuer@example.org" } })
      expect((yield* badgekit("GET", `${h.issuerPath}/programs`)).body.programs).toHaveLength(1)
      const missing = yield* badgekit("GET", `${h.systemPath}/issuers/nope`)
      expect(missing.status).toBe(404)
      expect(missing.body).toEqual({
        code: "ResourceNotFound",
        message: "Could not find issuer field: `slug`, value: `nope`"
      })
      const listed = yield* badgekit("GET", "/systems")
      expect(listed.body.systems.map((s: any) => s.slug)).toContain(h.system)
    }))

  it.effect("badges are created by JSON, form and multipart at each level; the Location answers the same badge", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const base = yield* baseUrl
      const byJson = yield* badgekit("POST", `${h.systemPath}/badges`, {
        body: json({
          ...required("Reading Badge"),
          slug: fresh("reading"),
          strapline: "Reads.",
          timeValue: 10,
          timeUnits: "minutes",
          limit: 5,
          unique: true,
          criteria: [{ description: "Read a book", required: true, note: "any book" }],
          categories: ["literacy"],
          tags: ["books", "reading"]
        })
      })
      expect(byJson.status).toBe(201)
      const badge = byJson.body.badge
      expect(byJson.body.status).toBe("created")
      expect(badge).toMatchObject({
        name: "Reading Badge",
        strapline: "Reads.",
        earnerDescription: "For earners.",
        consumerDescription: "For consumers.",
        type: "skill",
        timeValue: 10,
        timeUnits: "minutes",
        limit: 5,
        unique: true,
        archived: false,
        imageUrl: "https://example.org/badge.png",
        system: { slug: h.system, issuers: [] },
        criteria: [{ id: 1, description: "Read a book", required: true, note: "any book" }],
        categories: ["literacy"],
        tags: ["books", "reading"],
        milestones: []
      })
      expect(badge.id).toEqual(expect.any(Number))
      expect(new Date(badge.created).toISOString()).toBe(badge.created)
      expect(byJson.headers.location).toBe(`${h.systemPath}/badges/${badge.slug}`)
      const located = yield* badgekit("GET", byJson.headers.location!)
      expect(located.body.badge).toEqual(badge)

      // A form: booleans and numbers as text, no slug (made from the name).
      const byForm = yield* badgekit("POST", `${h.issuerPath}/badges`, {
        body: form({ ...required(`Form ${fresh("f")}`), unique: "0", timeValue: "3", archived: "false" })
      })
      expect(byForm.status).toBe(201)
      expect(byForm.body.badge).toMatchObject({ unique: false, timeValue: 3, issuer: { slug: h.issuer } })
      expect(byForm.body.badge.slug).toMatch(/^form-/)
      expect((yield* badgekit("GET", byForm.headers.location!)).body.badge).toEqual(byForm.body.badge)

      // Multipart with an image file: stored by content hash, served from this server.
      const data = new FormData()
      const { imageUrl: _, ...fields } = required("Multipart Badge")
      for (const [name, value] of Object.entries({ ...fields, slug: fresh("mp"), unique: "true" })) {
        data.append(name, value)
      }
      const bytes = png(fresh("image"))
      data.append("image", new Blob([bytes], { type: "image/png" }), "badge.png")
      const byMultipart = yield* badgekit("POST", `${h.programPath}/badges/`, {
        body: yield* Effect.promise(() => multipart(data))
      })
      expect(byMultipart.status).toBe(201)
      const uploaded = byMultipart.body.badge
      expect(uploaded).toMatchObject({ unique: true, issuer: { slug: h.issuer }, program: { slug: h.program } })
      expect(uploaded.imageUrl).toMatch(new RegExp(`^${base}/images/[0-9a-f]{64}$`))
      const image = yield* Effect.promise(() =>
        fetch(uploaded.imageUrl).then(async (r) => new Uint8Array(await r.arrayBuffer()))
      )
      expect(image).toEqual(bytes)
      expect(byMultipart.headers.location).toBe(`${h.programPath}/badges/${uploaded.slug}`)
      expect((yield* badgekit("GET", byMultipart.headers.location!)).body.badge).toEqual(uploaded)
    }))

  it.effect("listings include the levels below, filter by archived and page without overlap", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const make = (path: string, name: string, archived = false) =>
        Effect.map(
          badgekit("POST", `${path}/badges`, {
            body: json({ ...required(name), slug: fresh(name.toLowerCase()), archived })
          }),
          (answer) => {
            expect(answer.status).toBe(201)
            return answer.body.badge.slug as string
          }
        )
      const onSystem = yield* make(h.systemPath, "S")
      const onIssuer = yield* make(h.issuerPath, "I")
      const onProgram = yield* make(h.programPath, "P")
      const archived = yield* make(h.systemPath, "A", true)
      const slugs = (answer: { body: any }) => answer.body.badges.map((b: any) => b.slug)
      expect(slugs(yield* badgekit("GET", `${h.systemPath}/badges`))).toEqual([onSystem, onIssuer, onProgram])
      expect(slugs(yield* badgekit("GET", `${h.issuerPath}/badges`))).toEqual([onIssuer, onProgram])
      expect(slugs(yield* badgekit("GET", `${h.programPath}/badges`))).toEqual([onProgram])
      expect(slugs(yield* badgekit("GET", `${h.systemPath}/badges?archived=true`))).toEqual([archived])
      expect(slugs(yield* badgekit("GET", `${h.systemPath}/badges?archived=1`))).toEqual([archived])
      expect(slugs(yield* badgekit("GET", `${h.systemPath}/badges?archived=0`))).toEqual([
        onSystem,
        onIssuer,
        onProgram
      ])
      expect(slugs(yield* badgekit("GET", `${h.systemPath}/badges?archived=any`))).toHaveLength(4)
      const bad = yield* badgekit("GET", `${h.systemPath}/badges?archived=maybe`)
      expect(bad.status).toBe(400)
      expect(bad.body).toMatchObject({ code: "InvalidParameter", parameter: "archived" })
      const pages = []
      for (const page of [1, 2, 3]) {
        const answer = yield* badgekit("GET", `${h.systemPath}/badges?archived=any&page=${page}&count=2`)
        expect(answer.body.pageData).toEqual({ page, count: 2, total: 4 })
        pages.push(...slugs(answer))
      }
      expect(pages).toEqual([onSystem, onIssuer, onProgram, archived])
    }))

  it.effect("an update merges into the badge and keeps its image; a delete answers it, then it is not found", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const data = new FormData()
      const { imageUrl: _, ...fields } = required("Updatable")
      for (const [name, value] of Object.entries({ ...fields, slug: fresh("upd") })) data.append(name, value)
      data.append("image", new Blob([png(fresh("u"))], { type: "image/png" }), "badge.png")
      const made = (yield* badgekit("POST", `${h.issuerPath}/badges`, {
        body: yield* Effect.promise(() => multipart(data))
      })).body.badge
      const path = `${h.issuerPath}/badges/${made.slug}`
      const updated = yield* badgekit("PUT", path, {
        body: json({ strapline: "Now with a strapline", unknownField: 1 })
      })
      expect(updated.status).toBe(200)
      expect(updated.body).toMatchObject({ status: "updated", badge: { ...made, strapline: "Now with a strapline" } })
      const byForm = yield* badgekit("PUT", `${path}/`, { body: form({ archived: "true", name: "Renamed" }) })
      expect(byForm.body.badge).toMatchObject({ name: "Renamed", archived: true, imageUrl: made.imageUrl })
      const deleted = yield* badgekit("DELETE", path)
      expect(deleted.status).toBe(200)
      expect(deleted.body).toMatchObject({ status: "deleted", badge: { slug: made.slug, name: "Renamed" } })
      const gone = yield* badgekit("GET", path)
      expect(gone.status).toBe(404)
      expect(gone.body).toEqual({
        code: "ResourceNotFound",
        message: `Could not find badge field: \`slug\`, value: \`${made.slug}\``
      })
    }))

  it.effect("a badge's milestones are its badges_earned rule: the badges that earn it", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const slugs = [fresh("support"), fresh("support"), fresh("milestone")]
      for (const slug of slugs) {
        expect((yield* badgekit("POST", `${h.systemPath}/badges`, { body: json({ ...required(slug), slug }) })).status)
          .toBe(201)
      }
      const definitions = yield* Definitions.Definitions
      const organisationId = yield* systemId(h.system)
      const [a, b, milestone] = yield* Effect.forEach(slugs, (slug) => definitions.getBySlug(organisationId, slug))
      yield* definitions.update(milestone!.id, {
        rule: { type: "badges_earned", definitions: [a!.id, b!.id], at_least: 1 }
      })
      const answer = yield* badgekit("GET", `${h.systemPath}/badges/${milestone!.slug}`)
      expect(answer.body.badge.milestones).toEqual([
        { id: milestone!.serial, primaryBadge: milestone!.slug, numberRequired: 1, supportBadges: [a!.slug, b!.slug] }
      ])
    }))

  it.effect("a ValidationError lists exactly the failing fields", () =>
    Effect.gen(function*() {
      const h = yield* hierarchy
      const answer = yield* badgekit("POST", `${h.systemPath}/badges`, {
        body: json({
          name: "x".repeat(256),
          strapline: "s".repeat(141),
          criteriaUrl: "not a url",
          unique: "perhaps",
          timeUnits: "years"
        })
      })
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ code: "ValidationError", message: "Could not validate required fields" })
      const fields = answer.body.details.map((d: any) => d.field).sort()
      expect(fields).toEqual(
        [
          "consumerDescription",
          "criteriaUrl",
          "earnerDescription",
          "image",
          "name",
          "strapline",
          "timeUnits",
          "type",
          "unique"
        ]
      )
      for (const detail of answer.body.details) {
        expect(Object.keys(detail).sort()).toEqual(["field", "message", "value"])
      }
      const ok = yield* badgekit("POST", `${h.systemPath}/badges`, { body: json(required(`Valid ${fresh("v")}`)) })
      expect(ok.status).toBe(201)
    }))

  it.effect("slugs are unique on the whole server: a taken one is a 409, and of racing creates exactly one wins", () =>
    Effect.gen(function*() {
      const a = yield* hierarchy
      const b = yield* hierarchy
      const slug = fresh("only")
      expect((yield* badgekit("POST", `${a.systemPath}/badges`, { body: json({ ...required("One"), slug }) })).status)
        .toBe(201)
      const elsewhere = yield* badgekit("POST", `${b.systemPath}/badges`, { body: json({ ...required("One"), slug }) })
      expect(elsewhere.status).toBe(409)
      expect(elsewhere.body).toMatchObject({
        code: "ResourceConflict",
        error: "badge with that `slug` already exists",
        details: { name: "One", slug }
      })
      const raced = fresh("race")
      const answers = yield* Effect.forEach(
        [a, b, a, b, a, b, a, b],
        (h) => badgekit("POST", `${h.systemPath}/badges`, { body: json({ ...required("Race"), slug: raced }) }),
        { concurrency: "unbounded" }
      )
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1)
      expect(answers.filter((answer) => answer.status === 409)).toHaveLength(7)
    }))

  it.effect("a consumer key acts for its own system only; every signing failure is a 403 NotAuthorized", () =>
    Effect.gen(function*() {
      const mine = yield* hierarchy
      const other = yield* hierarchy
      const keys = yield* BadgeKitKeys.BadgeKitKeys
      const organisationId = (yield* badgekit("GET", mine.systemPath)).body.system.id
      expect(organisationId).toEqual(expect.any(Number))
      const name = fresh("consumer")
      const created = yield* keys.create({
        organisationId: yield* systemId(mine.system),
        name
      })
      const secret = Redacted.value(created.secret)
      const own = yield* badgekit("POST", `${mine.systemPath}/badges`, {
        key: name,
        secret,
        body: json(required(`Consumer ${fresh("c")}`))
      })
      expect(own.status).toBe(201)
      const refused = (answer: { status: number; body: any }) => {
        expect(answer.status).toBe(403)
        expect(answer.body).toEqual({ code: "NotAuthorized", message: expect.any(String) })
      }
      refused(yield* badgekit("GET", `${other.systemPath}/badges`, { key: name, secret }))
      refused(yield* badgekit("POST", "/systems", { key: name, secret, body: json({ name: "Mine now" }) }))
      const path = `${mine.systemPath}/badges`
      refused(yield* badgekit("GET", path, { sign: false }))
      refused(yield* badgekit("GET", path, { authorization: "Bearer nothing" }))
      refused(yield* badgekit("GET", path, { secret: "not-the-secret-at-all" }))
      refused(yield* badgekit("GET", path, { key: "nobody" }))
      refused(yield* badgekit("GET", path, { tokenOptions: { alg: "none", signature: "" } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { signature: "" } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { alg: "HS512" } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { method: "POST" } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { path: `${path}?archived=any` } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { exp: Date.now() - 1000 } }))
      refused(yield* badgekit("GET", path, { tokenOptions: { exp: Math.floor(Date.now() / 1000) - 10 } }))
      // Seconds are accepted as well as milliseconds.
      const inSeconds = yield* badgekit("GET", path, { tokenOptions: { exp: Math.floor(Date.now() / 1000) + 60 } })
      expect(inSeconds.body).toMatchObject({ badges: expect.any(Array) })
      refused(
        yield* badgekit("POST", path, {
          body: json(required("Tampered")),
          tokenOptions: { body: new TextEncoder().encode("{}") }
        })
      )
      refused(
        yield* badgekit("POST", path, {
          body: json(required("No hash")),
          tokenOptions: { claims: { body: undefined } }
        })
      )
    }))
}

/** An unsigned GET that does not follow redirects. */
const plainGet = (path: string) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`, { redirect: "manual" })
      return { status: response.status, location: response.headers.get("location"), body: await response.json() }
    }))

/** The BadgeKit endpoints without credentials. */
export const badgekitPublicTests = (it: It) => {
  it.effect("/healthcheck answers without credentials; /public/images/{slug} moves to a badge's image", () =>
    Effect.gen(function*() {
      expect(yield* plainGet("/healthcheck")).toMatchObject({ status: 200, body: { status: "OK", database: "OK" } })
      expect((yield* plainGet("/healthcheck/")).status).toBe(200)
      const h = yield* hierarchy
      const slug = fresh("pictured")
      expect(
        (yield* badgekit("POST", `${h.systemPath}/badges`, { body: json({ ...required("Pictured"), slug }) })).status
      )
        .toBe(201)
      expect(yield* plainGet(`/public/images/${slug}`)).toEqual({
        status: 301,
        location: "https://example.org/badge.png",
        body: { location: "https://example.org/badge.png" }
      })
      const missing = yield* plainGet("/public/images/no-such-badge")
      expect(missing.status).toBe(404)
      expect(missing.body).toMatchObject({ code: "ResourceNotFound" })
    }))
}

/** The engine's id of a system, by its slug. */
const systemId = (slug: string) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    return (yield* organisations.getBySlug(slug)).id
  })
