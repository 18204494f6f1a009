/**
 * The claim page as a person uses it: in Chromium, over real sockets, at phone size.
 */
import { type ClaimCodeId, ClaimCodes, Recipient } from "@badge-engine/core"
import { Effect } from "effect"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { confirmation, launch, mainText, openPage, runChromium, screenshot, scrollsSideways } from "./pages/browser.js"
import { form, openOffer } from "./pages/http.js"
import { asHost, base, claimableBadge, imageUrl, type ServerRuntime, startServer } from "./pages/world.js"

describe.runIf(runChromium)("the claim page in Chromium", () => {
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

  const uses = (id: ClaimCodeId) =>
    runtime.runPromise(
      Effect.flatMap(ClaimCodes.ClaimCodes, (codes) => codes.get(id)).pipe(
        Effect.map((code) => code.uses),
        asHost
      )
    )

  it("shows the badge and a form; claiming makes the award and links to its badge page", async () => {
    const claim = await runtime.runPromise(claimableBadge({ limit: 10 }))
    const page = await openPage(browser)
    const opened = await page.goto(`${url}${claim.path}`)
    expect(opened?.status()).toBe(200)
    expect(await page.title()).toBe("Claim your badge: Spring meetup")
    expect(await page.getAttribute("html", "lang")).toBe("en")
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Spring meetup")
    const image = page.getByRole("img", { name: "A gold star on a blue ring" })
    expect(await image.getAttribute("src")).toBe(imageUrl)
    const text = await mainText(page)
    expect(text).toContain("Oslo Volunteer Centre offers you a badge")
    expect(text).toContain("Given to everyone who came to our spring meetup")
    const email = page.getByLabel("Your email address")
    expect(await email.getAttribute("type")).toBe("email")
    expect(await email.getAttribute("required")).not.toBeNull()
    expect(await page.getByLabel("Your name, as the badge shows it").getAttribute("required")).not.toBeNull()
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "claim-badge")

    await email.fill("kari.nordmann@example.org")
    await page.getByLabel("Your name, as the badge shows it").fill("Kari Nordmann")
    await page.getByRole("button", { name: "Claim badge" }).click()
    await confirmation(page, "You claimed Spring meetup")
    expect(await mainText(page)).toContain("Oslo Volunteer Centre awarded Spring meetup to Kari Nordmann.")
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "badge-claimed")

    await page.getByRole("link", { name: "View your badge page" }).click()
    await page.waitForURL(/\/badges\/awards\//)
    const badge = await mainText(page)
    expect(badge).toContain("Awarded to\nKari Nordmann")
    expect(badge).toContain("Issued by\nOslo Volunteer Centre")
    expect(badge).not.toContain("kari.nordmann@example.org")
    expect(await uses(claim.record.id)).toBe(1)

    // The same person claiming again is told so, and takes no use.
    await page.goto(`${url}${claim.path}`)
    await page.getByLabel("Your email address").fill("KARI.NORDMANN@example.org")
    await page.getByLabel("Your name, as the badge shows it").fill("Kari")
    const [again] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Claim badge" }).click()
    ])
    expect(again.status()).toBe(409)
    await confirmation(page, "This badge was already claimed")
    expect(await uses(claim.record.id)).toBe(1)
    await page.context().close()
  })

  it("a used-up code shows its page, with no form, and makes no award", async () => {
    const claim = await runtime.runPromise(claimableBadge({ limit: 1 }))
    await runtime.runPromise(
      Effect.flatMap(ClaimCodes.ClaimCodes, (codes) => codes.redeem(claim.code, Recipient.byId("someone"))).pipe(asHost)
    )
    const page = await openPage(browser)
    const opened = await page.goto(`${url}${claim.path}`)
    expect(opened?.status()).toBe(409)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("This code has been used up")
    expect(await mainText(page)).toContain("Spring meetup from Oslo Volunteer Centre")
    expect(await page.getByRole("button").count()).toBe(0)
    await page.context().close()
  })

  it("an archived code says it is no longer valid", async () => {
    const claim = await runtime.runPromise(claimableBadge())
    await runtime.runPromise(
      Effect.flatMap(ClaimCodes.ClaimCodes, (codes) => codes.archive(claim.record.id)).pipe(asHost)
    )
    const page = await openPage(browser)
    expect((await page.goto(`${url}${claim.path}`))?.status()).toBe(410)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("This code is no longer valid")
    await page.context().close()
  })

  it("an unknown code answers the 404 page, which reveals nothing", async () => {
    const claim = await runtime.runPromise(claimableBadge())
    const page = await openPage(browser)
    const wrong = claim.path.replace(/.$/, (c) => c === "A" ? "B" : "A")
    expect((await page.goto(`${url}${wrong}`))?.status()).toBe(404)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("We can't find that page")
    expect(await page.content()).not.toContain("Spring meetup")
    await page.context().close()
  })

  it("a form posted without the CSRF cookie is refused with a 403 page and takes no use", async () => {
    const claim = await runtime.runPromise(claimableBadge())
    const forged = await fetch(`${url}${claim.path}`, form({ csrf: "x".repeat(43), email: "a@example.org", name: "A" }))
    expect(forged.status).toBe(403)
    expect(await forged.text()).toContain("Your claim was not sent")
    // With the page's cookie and token, the same post is taken.
    const { cookie, token } = await openOffer(`${url}${claim.path}`)
    const posted = await fetch(`${url}${claim.path}`, form({ csrf: token, email: "a@example.org", name: "A" }, cookie))
    expect(posted.status).toBe(200)
    expect(await uses(claim.record.id)).toBe(1)
  })

  it("a form with a malformed email is shown again with the problem, and nothing is claimed", async () => {
    const claim = await runtime.runPromise(claimableBadge())
    const { cookie, token } = await openOffer(`${url}${claim.path}`)
    const posted = await fetch(`${url}${claim.path}`, form({ csrf: token, email: "<not an email>", name: "" }, cookie))
    expect(posted.status).toBe(400)
    const html = await posted.text()
    expect(html).toContain("Please enter both your email address and your name.")
    expect(html).toContain("&#60;not an email&#62;")
    expect(await uses(claim.record.id)).toBe(0)
  })
})
