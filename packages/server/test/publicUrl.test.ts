/**
 * The public URL: what absolute URLs in answers start with. By default the address the server listens on; given,
 * the one clients reach it at (behind a proxy, under a path).
 */
import { SqliteStore } from "@badge-engine/sqlite"
import { describe, expect, it as vitest, layer } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import * as PublicUrl from "../src/PublicUrl.js"
import * as Server from "../src/Server.js"
import { advancedTraining, badge, fed } from "./http/badgefed.js"
import { serverUnderTest, world } from "./http/harness.js"

describe("PublicUrl", () => {
  vitest("keeps the base without a trailing slash, and the host with its port unless it is the default", () => {
    const proxied = PublicUrl.make("https://example.org/badges/")
    expect(proxied.base).toBe("https://example.org/badges")
    expect(proxied.to("/badge-image/1")).toBe("https://example.org/badges/badge-image/1")
    expect(proxied.host).toBe("example.org")
    expect(PublicUrl.make("http://127.0.0.1:3000").host).toBe("127.0.0.1:3000")
    expect(PublicUrl.make("https://badges.example.org:443").base).toBe("https://badges.example.org")
  })

  vitest("refuses what is not an absolute http(s) URL without query, fragment or credentials", () => {
    for (
      const bad of ["badges.example.org", "ftp://example.org", "https://example.org/?a=1", "https://u:p@example.org"]
    ) {
      expect(Either.isLeft(Schema.decodeEither(PublicUrl.BaseUrl)(bad)), bad).toBe(true)
    }
  })
})

layer(
  serverUnderTest(SqliteStore.layer({ filename: ":memory:" }), Server.contracts, {
    publicUrl: "https://badges.example.org/engine/"
  }),
  { excludeTestServices: true }
)("a server given its public URL", (it) => {
  it.effect("prints it in BadgeFed's image, issuer domain, accept URL and actor URLs", () =>
    Effect.gen(function*() {
      const w = yield* world
      const mine = yield* badge(w.organisationId, advancedTraining)
      const listed = yield* fed("GET", "/api/badges", { key: w.admin })
      expect(listed.body.badges[0].image).toBe(`https://badges.example.org/engine/badge-image/${mine.serial}`)
      expect(listed.body.badges[0].issuer.domain).toBe("badges.example.org")
      const granted = yield* fed("POST", "/api/badges/grant", {
        key: w.admin,
        json: { badgeId: mine.serial, email: "jane@example.com" }
      })
      expect(granted.body.acceptUrl).toMatch(/^https:\/\/badges\.example\.org\/engine\/accept\/grant\//)
      expect(granted.body.badgeRecord.issuedBy).toMatch(/^https:\/\/badges\.example\.org\/engine\/actor\//)
    }))
})
