/**
 * The public URL: what absolute URLs in answers start with. By default the address the server listens on; given,
 * the one clients reach it at (behind a proxy, under a path).
 */
import { describe, expect, it as vitest } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as PublicUrl from "../src/PublicUrl.js"

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
