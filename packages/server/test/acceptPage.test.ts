/**
 * The grant accept page as a person uses it: in Chromium, over real sockets, at phone size.
 */
import { ApiKeys, Awards, Grants, Recipient } from "@badge-engine/core"
import { Effect, Redacted } from "effect"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { confirmation, launch, mainText, openPage, runChromium, screenshot, scrollsSideways } from "./pages/browser.js"
import { asHost, base, imageUrl, offerBadge, type ServerRuntime, startServer } from "./pages/world.js"

describe.runIf(runChromium)("the grant accept page in Chromium", () => {
  let runtime: ServerRuntime
  let browser: Browser
  let url: string

  beforeAll(async () => {
    runtime = startServer()
    url = await base(runtime)
    browser = await launch()
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.dispose()
  })

  it("shows the offer; Accept makes the award and links to its badge page; the grant is then processed", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const page = await openPage(browser)
    const opened = await page.goto(`${url}${offer.path}`)
    expect(opened?.status()).toBe(200)
    expect(await page.title()).toBe("Accept your badge: Keynote speaker")
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Keynote speaker")
    const image = page.getByRole("img", { name: "A gold star on a blue ring" })
    expect(await image.getAttribute("src")).toBe(imageUrl)
    expect(await image.evaluate((img: any) => img.naturalWidth)).toBeGreaterThan(0)
    const text = await mainText(page)
    expect(text).toContain("Oslo Volunteer Centre offers you a badge")
    expect(text).toContain("Kari Nordmann")
    expect(text).toContain("Opened the spring meetup with a talk on welcoming new volunteers.")
    expect(text).toContain("Given to volunteers who opened one of our meetups")
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "accept-grant")

    await page.getByRole("button", { name: "Accept badge" }).click()
    await confirmation(page, "You accepted Keynote speaker")
    expect(await mainText(page)).toContain("Oslo Volunteer Centre awarded Keynote speaker to Kari Nordmann.")
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "grant-accepted")

    await page.getByRole("link", { name: "View your badge page" }).click()
    await page.waitForURL(/\/badges\/awards\//)
    const awardId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Keynote speaker")
    const badge = await mainText(page)
    expect(badge).toContain("Awarded to\nKari Nordmann")
    expect(badge).toContain("Issued by\nOslo Volunteer Centre")
    expect(badge).toMatch(/Issued on\n\d{1,2} \w+ \d{4}/)
    expect(badge).not.toContain("kari.nordmann@example.org")
    expect(badge).not.toMatch(/revoked|expired/i)
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "badge-page")

    const grant = await runtime.runPromise(Effect.flatMap(Grants.Grants, (g) => g.get(offer.grant.id)).pipe(asHost))
    expect(grant).toMatchObject({ status: "processed", awardId })
    const held = await runtime.runPromise(
      Effect.flatMap(Awards.Awards, (awards) =>
        awards.forRecipient(
          new Recipient({ kind: "email", value: "kari.nordmann@example.org" }),
          { organisationId: offer.organisationId },
          { page: 1, limit: 10 }
        )).pipe(asHost)
    )
    expect(held.items.map((award) => award.id)).toEqual([awardId])
    await page.context().close()
  })

  it("a grant made through BadgeFed is accepted in the browser, then BadgeFed says processed and v1 lists it", async () => {
    const { definition, key, organisationId } = await runtime.runPromise(
      Effect.gen(function*() {
        const { definition, organisationId } = yield* offerBadge()
        const keys = yield* ApiKeys.ApiKeys
        const made = yield* keys.create({ role: "admin", organisationId, name: "badgefed test" })
        return { definition, organisationId, key: Redacted.value(made.key) }
      }).pipe(asHost)
    )
    const granted = await fetch(`${url}/api/badges/grant`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-apikey": key },
      body: JSON.stringify({ badgeId: definition.serial, email: "ola@example.org", name: "Ola Nordmann" })
    }).then((response) => response.json() as Promise<any>)
    expect(granted).toMatchObject({ success: true, message: "Badge granted successfully" })
    const page = await openPage(browser)
    await page.goto(granted.acceptUrl)
    expect(await mainText(page)).toContain("Ola Nordmann")
    await page.getByRole("button", { name: "Accept badge" }).click()
    await confirmation(page, "You accepted Keynote speaker")
    const status = await fetch(`${url}/api/badges/grant/${granted.badgeRecord.id}/status`, {
      headers: { "x-apikey": key }
    }).then((response) => response.json() as Promise<any>)
    expect(status).toMatchObject({ success: true, badgeId: definition.serial, status: "processed" })
    const listed = await fetch(`${url}/api/v1/earned-badges/by-organisation?organisation_id=${organisationId}`, {
      headers: { authorization: `Bearer ${key}` }
    }).then((response) => response.json() as Promise<any>)
    expect(listed.data).toEqual([
      expect.objectContaining({
        badge_definition_id: definition.id,
        peer_mentor_id: "ola@example.org",
        revoked_at: null
      })
    ])
    await page.context().close()
  })

  it("the link opened again after accepting says it was already accepted, with the badge page's link", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const page = await openPage(browser)
    await page.goto(`${url}${offer.path}`)
    await page.getByRole("button", { name: "Accept badge" }).click()
    await confirmation(page, "You accepted Keynote speaker")
    const again = await page.goto(`${url}${offer.path}`)
    expect(again?.status()).toBe(200)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("You already accepted this badge")
    expect(await page.getByRole("button").count()).toBe(0)
    await page.getByRole("link", { name: "View your badge page" }).click()
    await page.waitForURL(/\/badges\/awards\//)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Keynote speaker")
    await page.context().close()
  })

  it("a wrong key and an unknown grant answer the same 404 page, which names neither", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const page = await openPage(browser)
    const [, , , id, key] = offer.path.split("/")
    const wrongKey = await page.goto(`${url}/accept/grant/${id}/${key!.replace(/^./, (c) => c === "A" ? "B" : "A")}`)
    expect(wrongKey?.status()).toBe(404)
    const wrongKeyPage = await page.content()
    const unknown = await page.goto(`${url}/accept/grant/grant-unknown/${key}`)
    expect(unknown?.status()).toBe(404)
    expect(await page.content()).toBe(wrongKeyPage)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("We can't find that page")
    expect(wrongKeyPage).not.toContain(id!)
    expect(wrongKeyPage).not.toContain("Keynote speaker")
    await page.context().close()
  })

  it("a withdrawn grant is no longer available", async () => {
    const offer = await runtime.runPromise(offerBadge())
    await runtime.runPromise(Effect.flatMap(Grants.Grants, (grants) => grants.revoke(offer.grant.id)).pipe(asHost))
    const page = await openPage(browser)
    const opened = await page.goto(`${url}${offer.path}`)
    expect(opened?.status()).toBe(410)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(
      "This badge is no longer available"
    )
    expect(await page.getByRole("button").count()).toBe(0)
    await page.context().close()
  })

  it("an Accept posted without the CSRF cookie is refused with a 403 page and makes no award", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const page = await openPage(browser)
    await page.goto(`${url}${offer.path}`)
    await page.context().clearCookies()
    const [posted] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Accept badge" }).click()
    ])
    expect(posted.status()).toBe(403)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Your acceptance was not sent")
    const grant = await runtime.runPromise(Effect.flatMap(Grants.Grants, (g) => g.get(offer.grant.id)).pipe(asHost))
    expect(grant.status).toBe("pending")
    // Opening the offer again sets a new cookie, and then Accept works.
    await page.getByRole("link", { name: "Open the offer again" }).click()
    await page.getByRole("button", { name: "Accept badge" }).click()
    await confirmation(page, "You accepted Keynote speaker")
    await page.context().close()
  })

  it("the Accept button is reached with Tab, shows its focus and accepts with Enter", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const page = await openPage(browser)
    await page.goto(`${url}${offer.path}`)
    await page.keyboard.press("Tab")
    const focused = page.locator(":focus")
    expect(await focused.innerText()).toBe("Accept badge")
    const outline = await focused.evaluate((el) => {
      const style = (globalThis as any).getComputedStyle(el)
      return `${style.outlineStyle} ${style.outlineWidth}`
    })
    expect(outline).toBe("solid 3px")
    await page.keyboard.press("Enter")
    await confirmation(page, "You accepted Keynote speaker")
    await page.context().close()
  })

  it("shows markup in the data as text, and long words wrap at 360 px", async () => {
    const hostile = "<script>alert(1)</script> & \"quoted\" <b>bold</b>"
    const offer = await runtime.runPromise(offerBadge({
      badgeName: hostile,
      recipientName: "Kari-Nordmann-with-a-name-far-too-long-to-fit-on-one-line-of-a-phone-screen",
      evidence: `https://example.org/${"very-long-path-segment-".repeat(8)}`
    }))
    const page = await openPage(browser)
    await page.goto(`${url}${offer.path}`)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(hostile)
    expect(await page.locator("main script, main b").count()).toBe(0)
    expect(await scrollsSideways(page)).toBe(false)
    await page.context().close()
  })
})
