/**
 * BadgeFed's grants over real sockets: the checks in BadgeFed's order and words, the answer, a pending grant answered
 * again, an accepted one refused, many at once, and the status of a grant.
 */
import { type BadgeDefinitionId, type GrantId, Grants } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { advancedTraining, badge, fed, printed } from "./badgefed.js"
import { type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

/** The grant id and accept key in an accept URL. */
const fromAcceptUrl = (url: string) => {
  const [key, id] = url.split("/").reverse()
  return { id: decodeURIComponent(id!) as GrantId, key: Redacted.make(decodeURIComponent(key!)) }
}

const grantsOf = (definitionId: BadgeDefinitionId) =>
  Effect.orDie(Effect.flatMap(Grants.Grants, (grants) => grants.list(definitionId)))

/** BadgeFed's grants and their status. */
export const badgefedGrants = (it: It) => {
  it.effect("checks a grant in BadgeFed's order and words: each fix reveals the next message, then it is granted", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const steps: ReadonlyArray<readonly [Record<string, unknown>, string | undefined]> = [
        [
          { badgeId: 0, name: "n".repeat(201), evidence: "e".repeat(2001) },
          "BadgeId is required and must be greater than 0"
        ],
        [{ badgeId: mine.serial }, "Either ProfileUri or Email must be provided"],
        [{ email: "not-an-email", profileUri: "ftp://example.org/@jane" }, "Invalid email format"],
        [{ email: `${"j".repeat(250)}@example.com` }, "Invalid ProfileUri format"],
        [{ profileUri: `https://example.org/@${"j".repeat(500)}` }, "ProfileUri must be at most 500 characters"],
        [{ profileUri: "https://mastodon.social/@jane" }, "Name must be at most 200 characters"],
        [{ name: "Jane Doe" }, "Email must be at most 254 characters"],
        [{ email: "jane@example.com" }, "Evidence must be at most 2000 characters"],
        [{ evidence: "Completed the advanced training course" }, undefined]
      ]
      let body: Record<string, unknown> = {}
      for (const [change, message] of steps) {
        body = { ...body, ...change }
        const answer = yield* fed("POST", "/api/badges/grant", { key: w.admin, json: body })
        if (message === undefined) expect(answer.status).toBe(200)
        else expect(answer, message).toEqual({ status: 400, body: { error: message } })
      }
      const rejected: ReadonlyArray<readonly [unknown, string]> = [
        [[], "BadgeId is required and must be greater than 0"],
        [{ badgeId: -1, email: "jane@example.com" }, "BadgeId is required and must be greater than 0"],
        [{ badgeId: 1.5, email: "jane@example.com" }, "BadgeId is required and must be greater than 0"],
        [{ badgeId: "one", email: "jane@example.com" }, "BadgeId is required and must be greater than 0"],
        [{ badgeId: mine.serial, profileUri: " ", email: "" }, "Either ProfileUri or Email must be provided"],
        [{ badgeId: mine.serial, profileUri: "not a url" }, "Invalid ProfileUri format"],
        [{ badgeId: mine.serial, email: 42 }, "Invalid email format"],
        [{ badgeId: mine.serial, email: "jane@example.com", name: 7 }, "Name must be a string"]
      ]
      for (const [json, message] of rejected) {
        expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, json }), message).toEqual({
          status: 400,
          body: { error: message }
        })
      }
      // Read as BadgeFed reads JSON: any letter case, and numbers from strings.
      const lenient = yield* fed("POST", "/api/badges/grant", {
        key: w.admin,
        json: { BadgeId: String(mine.serial), Email: "kari@example.com" }
      })
      expect(lenient.status).toBe(200)
    }))

  it.effect("a grant whose body is not sent as JSON (a form, text, no type) is 415, and nothing is granted", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const json = JSON.stringify({ badgeId: mine.serial, email: "jane@example.com" })
      const form = `--x\r\nContent-Disposition: form-data; name="badgeId"\r\n\r\n${mine.serial}\r\n--x--\r\n`
      for (
        const [type, body] of [
          ["application/x-www-form-urlencoded", json],
          ["text/plain;charset=UTF-8", json],
          ["multipart/form-data; boundary=x", form]
        ] as const
      ) {
        expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, body, headers: { "content-type": type } }), type)
          .toEqual({ status: 415, body: { error: "Content-Type must be application/json" } })
      }
      expect(yield* fed("POST", "/api/badges/grant", { key: w.admin })).toEqual({
        status: 415,
        body: { error: "Content-Type must be application/json" }
      })
      expect(yield* grantsOf(mine.id)).toHaveLength(0)
      const charset = { "content-type": "Application/JSON; charset=utf-8" }
      expect((yield* fed("POST", "/api/badges/grant", { key: w.admin, body: json, headers: charset })).status).toBe(200)
    }))

  it.effect("grants: an accept URL and the badge record; evidence defaults to the badge's earning criteria", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const { base, slug } = yield* printed(w.organisationId)
      const answer = yield* fed("POST", "/api/badges/grant", {
        key: w.admin,
        json: {
          badgeId: mine.serial,
          profileUri: "https://mastodon.social/@recipient",
          name: "Jane Doe",
          evidence: "Completed the advanced training course"
        }
      })
      expect(answer.status).toBe(200)
      const record = answer.body.badgeRecord
      // The URL's key opens the grant it names, whose serial is the record's integer id.
      const { id, key } = fromAcceptUrl(answer.body.acceptUrl)
      expect((yield* Effect.orDie((yield* Grants.Grants).open(id, key))).grant.serial).toBe(record.id)
      expect(answer.body).toEqual({
        success: true,
        message: "Badge granted successfully",
        acceptUrl: `${base}/accept/grant/${encodeURIComponent(id)}/${answer.body.acceptUrl.split("/").at(-1)}`,
        badgeRecord: {
          id: record.id,
          title: "Advanced Training",
          issuedBy: `${base}/actor/${slug}`,
          issuedOn: record.issuedOn,
          issuedToName: "Jane Doe",
          issuedToSubjectUri: "https://mastodon.social/@recipient",
          earningCriteria: "Completed the advanced training course"
        }
      })
      expect(Number.isSafeInteger(record.id)).toBe(true)
      expect(record.issuedOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)

      const byEmail = yield* fed("POST", "/api/badges/grant", {
        key: w.admin,
        inQuery: true,
        json: { badgeId: mine.serial, email: "jane@example.com" }
      })
      expect(byEmail.status).toBe(200)
      expect(byEmail.body.badgeRecord).toMatchObject({
        issuedToName: null,
        issuedToSubjectUri: "mailto:jane@example.com",
        earningCriteria: "Complete the advanced training course"
      })
      const stored = yield* Effect.orDie((yield* Grants.Grants).getBySerial(byEmail.body.badgeRecord.id))
      expect(stored.evidence).toBe("Complete the advanced training course")
      expect(byEmail.body.badgeRecord.id).toBeGreaterThan(record.id)
    }))

  it.effect("a pending grant is answered again, nothing made; once accepted, another is 409", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const json = { badgeId: mine.serial, email: "jane@example.com", name: "Jane" }
      const first = yield* fed("POST", "/api/badges/grant", { key: w.admin, json })
      const second = yield* fed("POST", "/api/badges/grant", { key: w.admin, json })
      expect(second).toEqual(first)
      expect(yield* grantsOf(mine.id)).toHaveLength(1)
      const { id, key } = fromAcceptUrl(first.body.acceptUrl)
      yield* Effect.orDie((yield* Grants.Grants).accept(id, key))
      expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, json })).toEqual({
        status: 409,
        body: { error: "This badge has already been granted to this recipient" }
      })
      expect(yield* grantsOf(mine.id)).toHaveLength(1)
    }))

  it.effect("a hundred identical grants at once make one grant, and all answer the same accept URL", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const json = { badgeId: mine.serial, profileUri: "https://mastodon.social/@many" }
      const answers = yield* Effect.all(
        Array.from({ length: 100 }, () => fed("POST", "/api/badges/grant", { key: w.admin, json })),
        { concurrency: "unbounded" }
      )
      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200))
      expect(new Set(answers.map((answer) => answer.body.acceptUrl)).size).toBe(1)
      expect(yield* grantsOf(mine.id)).toHaveLength(1)
    }))

  it.effect("a grant of another organisation's badge, an archived one or an unknown one is refused", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const theirs = yield* badge(other.organisationId, advancedTraining)
      const archived = yield* badge(w.organisationId, { name: "Archived", active: false })
      const recipient = { email: "jane@example.com" }
      for (const badgeId of [theirs.serial, theirs.serial + 1_000_000]) {
        expect(yield* fed("POST", "/api/badges/grant", { key: w.admin, json: { badgeId, ...recipient } })).toEqual({
          status: 404,
          body: { error: "Badge not found" }
        })
      }
      expect(yield* grantsOf(theirs.id)).toHaveLength(0)
      const refused = yield* fed("POST", "/api/badges/grant", {
        key: w.admin,
        json: { badgeId: archived.serial, ...recipient }
      })
      expect(refused.status).toBe(409)
      expect(refused.body).toEqual({ error: "This badge is archived and can no longer be granted" })
    }))

  it.effect("a grant's status by note URL or its last segment; revoked, unknown or another's is 404", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const { base, slug } = yield* printed(w.organisationId)
      const grant = (json: Record<string, unknown>, key = w.admin) =>
        Effect.map(fed("POST", "/api/badges/grant", { key, json }), (answer) => answer.body)
      const profile = yield* grant({ badgeId: mine.serial, profileUri: "https://mastodon.social/@recipient" })
      const { id, key } = fromAcceptUrl(profile.acceptUrl)
      const noteId = `${base}/actor/${slug}/statuses/${id}`
      const expected = {
        status: 200,
        body: {
          success: true,
          noteId,
          profileUri: "https://mastodon.social/@recipient",
          badgeId: mine.serial,
          status: "pending"
        }
      }
      expect(yield* fed("GET", `/api/badges/grant/${id}/status`, { key: w.admin })).toEqual(expected)
      // The badge record's integer id names the grant too, alone or as a note URL's last segment.
      const serial = profile.badgeRecord.id
      expect(yield* fed("GET", `/api/badges/grant/${serial}/status`, { key: w.admin })).toEqual(expected)
      const bySerial = encodeURIComponent(`${base}/actor/${slug}/statuses/${serial}`)
      expect(yield* fed("GET", `/api/badges/grant/${bySerial}/status`, { key: w.admin })).toEqual(expected)
      expect(yield* fed("GET", `/api/badges/grant/${encodeURIComponent(noteId)}/status`, { key: w.admin }))
        .toEqual(expected)
      // A note URL of any length (the router takes path parameters of up to 100 characters), the key in the query.
      const long = encodeURIComponent(`https://badges.example.org/${"x".repeat(300)}/statuses/${id}`)
      expect(yield* fed("GET", `/api/badges/grant/${long}/status`, { key: w.admin, inQuery: true })).toEqual(expected)
      yield* Effect.orDie((yield* Grants.Grants).accept(id, key))
      expect((yield* fed("GET", `/api/badges/grant/${id}/status`, { key: w.admin })).body.status).toBe("processed")

      const email = yield* grant({ badgeId: mine.serial, email: "kari@example.com" })
      const byEmail = yield* fed("GET", `/api/badges/grant/${email.badgeRecord.id}/status`, { key: w.admin })
      expect(byEmail.body).toMatchObject({ profileUri: "mailto:kari@example.com", status: "pending" })
      const emailGrant = fromAcceptUrl(email.acceptUrl).id
      yield* Effect.orDie((yield* Grants.Grants).revoke(emailGrant))
      const theirBadge = yield* badge(other.organisationId, { name: "Theirs" })
      const theirs = yield* grant({ badgeId: theirBadge.serial, email: "ola@example.com" }, other.admin)
      const gone = [
        emailGrant,
        email.badgeRecord.id,
        fromAcceptUrl(theirs.acceptUrl).id,
        theirs.badgeRecord.id,
        theirs.badgeRecord.id + 1_000_000,
        "99999999999999999999",
        "grant_unknown",
        "%20"
      ]
      for (const missing of gone) {
        expect(yield* fed("GET", `/api/badges/grant/${missing}/status`, { key: w.admin }), String(missing)).toEqual({
          status: 404,
          body: { error: "Grant not found." }
        })
      }
    }))
}
