/**
 * Badgr v2 image uploads over real sockets: a `data:` URI given as an issuer's or BadgeClass's `image` is stored and
 * answered as the absolute URL `/images/{hash}` serves it at, with headers that keep it inert.
 */
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { baseUrl, call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

const pngBytes = (tail: string) =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(tail)])
const dataUri = (mediaType: string, bytes: Uint8Array) =>
  `data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`

/** GETs a path and keeps the body as bytes. */
const fetchBytes = (path: string) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`)
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        bytes: new Uint8Array(await response.arrayBuffer())
      }
    }))

/** The Badgr image upload tests. */
export const badgrImages = (it: It) => {
  it.effect("a PNG data URI on a BadgeClass is answered as the image's URL, which serves the same bytes", () =>
    Effect.gen(function*() {
      const w = yield* world
      const base = yield* baseUrl
      const issuer = (yield* call("POST", "/v2/issuers", { key: w.admin, json: { name: "School" } })).body as any
      const bytes = pngBytes(`${w.organisationId}-badge`)
      const made = yield* call("POST", "/v2/badgeclasses", {
        key: w.admin,
        json: {
          name: "Uploaded",
          description: "d",
          issuer: issuer.result[0].entityId,
          image: dataUri("image/png", bytes)
        }
      })
      expect(made.status).toBe(201)
      const image = (made.body as any).result[0].image as string
      expect(image).toMatch(new RegExp(`^${base}/images/[0-9a-f]{64}$`))
      const served = yield* fetchBytes(image.slice(base.length))
      expect(served.status).toBe(200)
      expect(served.bytes).toEqual(bytes)
      expect(served.headers).toMatchObject({
        "content-type": "image/png",
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff"
      })
      const missing = yield* fetchBytes(`/images/${"0".repeat(64)}`)
      expect(missing.status).toBe(404)
      expect((yield* fetchBytes("/images/not-a-hash")).status).toBe(404)
    }))

  it.effect("an SVG data URI on an issuer is served under a policy that loads nothing; one with a script is 400", () =>
    Effect.gen(function*() {
      const w = yield* world
      const base = yield* baseUrl
      const svg = (body: string) =>
        dataUri("image/svg+xml", new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`))
      const made = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        json: { name: "School", image: svg(`<title>${w.organisationId}</title><rect width="4" height="4"/>`) }
      })
      expect(made.status).toBe(201)
      const served = yield* fetchBytes(((made.body as any).result[0].image as string).slice(base.length))
      expect(served.headers).toMatchObject({
        "content-type": "image/svg+xml",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'"
      })
      const scripted = yield* call("POST", "/v2/issuers", {
        key: w.admin,
        json: { name: "School", image: svg("<script>alert(1)</script>") }
      })
      expect(scripted.status).toBe(400)
      expect((scripted.body as any).fieldErrors.image[0]).toContain("script")
      const gif = yield* call("PUT", `/v2/issuers/${(made.body as any).result[0].entityId}`, {
        key: w.admin,
        json: { name: "School", image: dataUri("image/gif", new TextEncoder().encode("GIF89a")) }
      })
      expect(gif.status).toBe(400)
      expect(Object.keys((gif.body as any).fieldErrors)).toEqual(["image"])
    }))
}
