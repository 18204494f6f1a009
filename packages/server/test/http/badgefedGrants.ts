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
      expect(answer.body).toEqual({
        success: true,
        message: "Badge granted successfully",
        acceptUrl: `${base}/accept/grant/${record.id}/${answer.body.acceptUrl.split("/").at(-1)}`,
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
      expect(record.issuedOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      // The URL's key opens the grant it names.
      const { id, key } = fromAcceptUrl(answer.body.acceptUrl)
      expect((yield* Effect.orDie((yield* Grants.Grants).open(id, key))).grant.id).toBe(record.id)

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
      const stored = yield* Effect.orDie((yield* Grants.Grants).get(byEmail.body.badgeRecord.id))
      expect(stored.evidence).toBe("Complete the advanced training course")
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
      const id = profile.badgeRecord.id
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
      expect(yield* fed("GET", `/api/badges/grant/${encodeURIComponent(noteId)}/status`, { key: w.admin }))
        .toEqual(expected)
      // A note URL of any length (the router takes path parameters of up to 100 characters), the key in the query.
      const long = encodeURIComponent(`https://badges.example.org/${"x".repeat(300)}/statuses/${id}`)
      expect(yield* fed("GET", `/api/badges/grant/${long}/status`, { key: w.admin, inQuery: true })).toEqual(expected)
      const { key } = fromAcceptUrl(profile.acceptUrl)
      yield* Effect.orDie((yield* Grants.Grants).accept(id, key))
      expect((yield* fed("GET", `/api/badges/grant/${id}/status`, { key: w.admin })).body.status).toBe("processed")

      const email = yield* grant({ badgeId: mine.serial, email: "kari@example.com" })
      const byEmail = yield* fed("GET", `/api/badges/grant/${email.badgeRecord.id}/status`, { key: w.admin })
      expect(byEmail.body).toMatchObject({ profileUri: "mailto:kari@example.com", status: "pending" })
      yield* Effect.orDie((yield* Grants.Grants).revoke(email.badgeRecord.id))
      const theirBadge = yield* badge(other.organisationId, { name: "Theirs" })
      const theirs = yield* grant({ badgeId: theirBadge.serial, email: "ola@example.com" }, other.admin)
      for (const gone of [email.badgeRecord.id, theirs.badgeRecord.id, "grant_unknown", "%20"]) {
        expect(yield* fed("GET", `/api/badges/grant/${gone}/status`, { key: w.admin }), gone).toEqual({
          status: 404,
          body: { error: "Grant not found." }
        })
      }
    }))
}
