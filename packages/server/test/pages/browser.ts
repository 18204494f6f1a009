/**
 * For browser tests: Debian's Chromium driven by playwright-core (which downloads no browser), at phone size, and
 * the screenshots the docs show.
 */
import { existsSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { type Browser, chromium, type Page } from "playwright-core"
import { imageUrl } from "./world.js"

/** Where Debian's `chromium` package puts the browser. */
export const executablePath = "/usr/bin/chromium"

/** Whether the browser suites run: always under CI, where a missing browser must fail them. */
export const runChromium = process.env.CI === "true" || existsSync(executablePath)

/** Launches the browser headless; as root (in a container) only without its sandbox. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath,
    headless: true,
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : []
  })

/** The badge image, served by the test for the made-up host of the definitions' image URL. */
const badgeSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160">
<circle cx="80" cy="80" r="78" fill="#1d4ed8"/><circle cx="80" cy="80" r="64" fill="#eff6ff"/>
<path fill="#f59e0b" stroke="#b45309" stroke-width="3" stroke-linejoin="round"
d="M80 34l13 27 29 4-21 20 5 29-26-14-26 14 5-29-21-20 29-4z"/>
<path d="M48 128h64" stroke="#1d4ed8" stroke-width="6" stroke-linecap="round"/></svg>`

/** A page at phone size (360×740) whose badge image is served by the test, not fetched from the network. */
export const openPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
  await context.route(
    `${new URL(imageUrl).origin}/**`,
    (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: badgeSvg })
  )
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return page
}

/** Whether the page scrolls sideways. */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth") as Promise<boolean>

/** The text of `<main>`. */
export const mainText = (page: Page): Promise<string> => page.locator("main").innerText()

const imagesDir = new URL("../../../../docs/images/", import.meta.url)

/** Writes a screenshot for the docs, only when asked (`UPDATE_SCREENSHOTS=1`), so CI never rewrites them. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (process.env.UPDATE_SCREENSHOTS !== "1") return
  await mkdir(imagesDir, { recursive: true })
  await page.screenshot({ path: new URL(`${name}.png`, imagesDir).pathname, fullPage: true })
}

/**
 * Waits for the page a form's submission leads to, by its heading: a click or an Enter starts the navigation but does
 * not wait for it, so reading the heading at once could read the page before.
 */
export const confirmation = (page: Page, heading: string) =>
  page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor({ timeout: 10_000 })
