/**
 * An award's hosted Open Badges assertion as a person opens it: in Chromium the assertion's URL is the badge page,
 * verified by the server, whose links lead to the 2.0 assertion and 3.0 credential, as JSON and baked into the image.
 */
import { Awards, Definitions, Images, type OrganisationId, Organisations, Recipient } from "@badge-engine/core"
import { Effect } from "effect"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launch, mainText, openPage, runChromium, screenshot, scrollsSideways } from "./pages/browser.js"
import { asHost, base, type ServerRuntime, startServer } from "./pages/world.js"

const badgeSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160">
<circle cx="80" cy="80" r="78" fill="#1d4ed8"/><circle cx="80" cy="80" r="64" fill="#eff6ff"/>
<path fill="#f59e0b" stroke="#b45309" stroke-width="3" stroke-linejoin="round"
d="M80 34l13 27 29 4-21 20 5 29-26-14-26 14 5-29-21-20 29-4z"/></svg>`

let counter = 0

/** An organisation, a definition whose image is uploaded to the server, and an award of it to Kari. */
const awarded = (serverUrl: string) =>
  Effect.gen(function*() {
    const organisationId = `org-ob-${process.pid}-${counter++}` as OrganisationId
    yield* Effect.flatMap(
      Organisations.Organisations,
      (organisations) => organisations.create({ id: organisationId, name: "Oslo Volunteer Centre", timezone: "UTC" })
    )
    const image = yield* Effect.flatMap(
      Images.Images,
      (images) => images.upload(`data:image/svg+xml;base64,${Buffer.from(badgeSvg).toString("base64")}`)
    )
    const { definition } = yield* Effect.flatMap(Definitions.Definitions, (definitions) =>
      definitions.create({
        organisationId,
        name: "Keynote speaker",
        description: "Given to volunteers who opened one of our meetups with a keynote talk.",
        imageUrl: `${serverUrl}/images/${image.hash}`,
        imageAltText: "A gold star on a blue ring"
      }))
    return yield* Effect.flatMap(Awards.Awards, (awards) =>
      awards.award({
        definitionId: definition.id,
        recipient: new Recipient({ kind: "email", value: "kari.nordmann@example.org", name: "Kari Nordmann" }),
        awardedBy: "system"
      }))
  }).pipe(asHost)

describe.runIf(runChromium)("the hosted assertion's page in Chromium", () => {
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

  it("shows the badge, issuer, recipient, day and a verified mark, and links to both versions, as JSON and baked", async () => {
    const award = await runtime.runPromise(awarded(url))
    const page = await openPage(browser)
    const opened = await page.goto(`${url}/public/assertions/${award.id}`)
    expect(opened?.status()).toBe(200)
    expect(opened?.headers()["content-type"]).toMatch(/^text\/html/)
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("Keynote speaker")
    const image = page.getByRole("img", { name: "A gold star on a blue ring" })
    expect(await image.evaluate((img: any) => img.naturalWidth)).toBeGreaterThan(0)
    const text = await mainText(page)
    expect(text).toContain("✓ Verified.")
    expect(text).toContain("Awarded to\nKari Nordmann")
    expect(text).toContain("Issued by\nOslo Volunteer Centre")
    expect(text).toMatch(/Issued on\n\d{1,2} \w+ \d{4}/)
    expect(text).not.toContain("kari.nordmann@example.org")
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, "openbadges-assertion-page")

    const baked = await page.getByRole("link", { name: "Badge image with the assertion baked in" }).getAttribute("href")
    const bakedAnswer = await fetch(`${url}${baked}`)
    expect(bakedAnswer.headers.get("content-type")).toMatch(/^image\/svg\+xml/)
    expect(await bakedAnswer.text()).toContain(`<openbadges:assertion verify="${url}/public/assertions/${award.id}">`)

    // The 3.0 credential beside it: the signed JSON, and the image with that credential baked in.
    const credentialLink = await page.getByRole("link", { name: "Open Badges 3.0 credential (JSON)" }).getAttribute(
      "href"
    )
    expect(credentialLink).toBe(`/public/credentials/${award.id}`)
    const credential: any = await (await fetch(`${url}${credentialLink}`)).json()
    expect(credential).toMatchObject({
      id: `${url}/public/credentials/${award.id}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"]
    })
    expect(credential.proof[0].cryptosuite).toBe("eddsa-rdfc-2022")
    const credentialImage = await page.getByRole("link", { name: "Badge image with the credential baked in" })
      .getAttribute("href")
    const bakedCredential = await (await fetch(`${url}${credentialImage}`)).text()
    expect(bakedCredential).toContain("<openbadges:credential>")
    expect(bakedCredential).toContain(`"id":"${url}/public/credentials/${award.id}"`)

    await page.getByRole("link", { name: "Open Badges 2.0 assertion (JSON)" }).click()
    await page.waitForURL(/\.json$/)
    const json = JSON.parse(await page.locator("body").innerText())
    expect(json).toMatchObject({ type: "Assertion", id: `${url}/public/assertions/${award.id}` })
  })

  it("a revoked award's page says so and shows no verified mark", async () => {
    const award = await runtime.runPromise(awarded(url))
    await runtime.runPromise(
      Effect.flatMap(Awards.Awards, (awards) => awards.revoke(award.id, "Given by mistake")).pipe(asHost)
    )
    const page = await openPage(browser)
    await page.goto(`${url}/public/assertions/${award.id}`)
    const text = await mainText(page)
    expect(text).toContain("Revoked.")
    expect(text).not.toContain("Verified")
  })
})
