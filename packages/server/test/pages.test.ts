/**
 * The pages over HTTP, without a browser: what a form post must carry, what a badge page says, the pages' own
 * error pages and headers, and the same behind a proxy's path prefix.
 */
import { Awards, Definitions, Grants, Recipient } from "@badge-engine/core"
import { DateTime, Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { form, openOffer } from "./pages/http.js"
import { asHost, base, offerBadge, type ServerRuntime, startServer } from "./pages/world.js"

describe("the pages over HTTP", () => {
  let runtime: ServerRuntime
  let url: string

  beforeAll(async () => {
    runtime = startServer()
    url = await base(runtime)
  })
  afterAll(() => runtime?.dispose())

  const grantStatus = (id: string) =>
    runtime.runPromise(Effect.flatMap(Grants.Grants, (grants) => grants.get(id as never)).pipe(asHost))

  it("the accept page puts its token in a strict HTTP-only cookie under /accept and in its form", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const { cookie, html, response, token } = await openOffer(`${url}${offer.path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(response.headers.get("set-cookie")).toMatch(
      /^badge_engine_csrf=[\w-]{43}; Path=\/accept; HttpOnly; SameSite=Strict$/
    )
    expect(cookie).toBe(`badge_engine_csrf=${token}`)
    expect(html).toContain("<html lang=\"en\">")
    expect(html).toContain("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    expect(response.headers.get("cache-control")).toBe("no-store")
    expect(response.headers.get("referrer-policy")).toBe("no-referrer")
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
    expect(html).not.toMatch(/<script|<link/)
  })

  it("a post without the cookie, without the token or with another token is a 403 and accepts nothing", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const { cookie, token } = await openOffer(`${url}${offer.path}`)
    const other = token.replace(/^./, (c) => c === "A" ? "B" : "A")
    const attempts: ReadonlyArray<RequestInit> = [
      form({ csrf: token }),
      form({}, cookie),
      form({ csrf: other }, cookie),
      form({ csrf: other }, `badge_engine_csrf=${other}x`)
    ]
    for (const attempt of attempts) {
      const response = await fetch(`${url}${offer.path}`, attempt)
      expect(response.status).toBe(403)
      expect(await response.text()).toContain("<h1>Your acceptance was not sent</h1>")
    }
    expect((await grantStatus(offer.grant.id)).status).toBe("pending")
    const accepted = await fetch(`${url}${offer.path}`, form({ csrf: token }, cookie))
    expect(accepted.status).toBe(200)
    expect(await accepted.text()).toContain("<h1>You accepted Keynote speaker</h1>")
    expect((await grantStatus(offer.grant.id)).status).toBe("processed")
    const twice = await fetch(`${url}${offer.path}`, form({ csrf: token }, cookie))
    expect(await twice.text()).toContain("<h1>You already accepted this badge</h1>")
  })

  it("an archived badge's pending grant says it is no longer awarded, has no button, and accepts nothing", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const { cookie, token } = await openOffer(`${url}${offer.path}`)
    await runtime.runPromise(
      Effect.flatMap(Definitions.Definitions, (d) => d.update(offer.definition.id, { active: false })).pipe(asHost)
    )
    const shown = await fetch(`${url}${offer.path}`)
    const html = await shown.text()
    expect(shown.status).toBe(409)
    expect(html).toContain("This badge is no longer being awarded.")
    expect(html).not.toContain("<button")
    const posted = await fetch(`${url}${offer.path}`, form({ csrf: token }, cookie))
    expect(posted.status).toBe(409)
    expect((await grantStatus(offer.grant.id)).status).toBe("pending")
  })

  it("a badge page says when the badge was revoked or expired; an unknown award is the 404 page", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const award = (expiresAt?: DateTime.Utc) =>
      runtime.runPromise(
        Effect.flatMap(Awards.Awards, (awards) =>
          awards.award({
            definitionId: offer.definition.id,
            recipient: new Recipient({ kind: "email", value: `${Math.random()}@example.org`, name: "Ola" }),
            awardedBy: "test",
            ...(expiresAt !== undefined ? { expiresAt } : {})
          })).pipe(asHost)
      )
    const page = async (id: string) => {
      const response = await fetch(`${url}/badges/awards/${id}`)
      return { status: response.status, html: await response.text() }
    }
    const revoked = await award()
    await runtime.runPromise(Effect.flatMap(Awards.Awards, (awards) => awards.revoke(revoked.id, "test")).pipe(asHost))
    expect(await page(revoked.id)).toMatchObject({
      status: 200,
      html: expect.stringContaining("<strong>Revoked.</strong>")
    })
    const expired = await award(DateTime.unsafeMake("2020-01-02T10:00:00Z"))
    expect((await page(expired.id)).html).toContain(
      "<strong>Expired.</strong> This badge expired on "
        + "<time datetime=\"2020-01-02T10:00:00.000Z\">2 January 2020</time>"
    )
    const live = await page((await award()).id)
    expect(live.html).toContain("<dd>Ola</dd>")
    expect(live.html).not.toMatch(/Revoked\.|Expired\.|@example\.org/)
    const unknown = await page("award-unknown")
    expect(unknown.status).toBe(404)
    expect(unknown.html).toContain("<h1>We can't find that page</h1>")
  })

  it("a grant revoked after it was accepted is no longer available, in words true of it too", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const { cookie, token } = await openOffer(`${url}${offer.path}`)
    expect((await fetch(`${url}${offer.path}`, form({ csrf: token }, cookie))).status).toBe(200)
    await runtime.runPromise(Effect.flatMap(Grants.Grants, (grants) => grants.revoke(offer.grant.id)).pipe(asHost))
    const shown = await fetch(`${url}${offer.path}`)
    const html = await shown.text()
    expect(shown.status).toBe(410)
    expect(html).toContain("<h1>This badge is no longer available</h1>")
    expect(html).toContain("Keynote speaker from Oslo Volunteer Centre can no longer be accepted or viewed")
    expect(html).not.toMatch(/withdrew|offer of/)
  })

  it("pages answer what never reaches them as pages, not in v1's JSON", async () => {
    const offer = await runtime.runPromise(offerBadge())
    for (const path of ["/accept/grant/only-an-id", "/badges/awards", `${offer.path}/more`]) {
      const response = await fetch(`${url}${path}`)
      expect(response.status, path).toBe(404)
      expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8")
    }
    const malformed = await fetch(`${url}${offer.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{"
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.text()).toContain("<h1>This request could not be read</h1>")
    expect((await grantStatus(offer.grant.id)).status).toBe("pending")
  })
})

describe("the pages behind a proxy's path prefix", () => {
  // The proxy serves https://badges.example.org/badges/… from the server's /…: the server sees paths without the
  // prefix, the browser with it. Requests go to the server directly, carrying the cookie as the browser would.
  let runtime: ServerRuntime
  let url: string

  beforeAll(async () => {
    runtime = startServer({ publicUrl: "https://badges.example.org/badges/" })
    url = await base(runtime)
  })
  afterAll(() => runtime?.dispose())

  it("sets the cookie under the prefixed accept path, Secure over https, links under the prefix, and accepts", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const { cookie, response, token } = await openOffer(`${url}${offer.path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get("set-cookie")).toMatch(
      /^badge_engine_csrf=[\w-]{43}; Path=\/badges\/accept; HttpOnly; Secure; SameSite=Strict$/
    )
    const refused = await fetch(`${url}${offer.path}`, form({ csrf: token }))
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain(`<a href="/badges${offer.path}">Open the offer again</a>`)
    const accepted = await fetch(`${url}${offer.path}`, form({ csrf: token }, cookie))
    const html = await accepted.text()
    expect(accepted.status).toBe(200)
    expect(html).toContain("<h1>You accepted Keynote speaker</h1>")
    const links = [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href!)
    expect(links).toEqual([expect.stringMatching(/^\/badges\/badges\/awards\/[^/]+$/)])
    const badge = await fetch(`${url}${links[0]!.slice("/badges".length)}`)
    expect(badge.status).toBe(200)
    const again = await (await fetch(`${url}${offer.path}`)).text()
    expect(again).toContain(`<a href="${links[0]}">View your badge page</a>`)
  })
})
