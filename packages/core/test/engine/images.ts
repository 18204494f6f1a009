import type { Engine, Stores } from "@badge-engine/core"
import { ImageContent, Images } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Encoding } from "effect"
import { uniqueId } from "./support.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores | SqlClient.SqlClient>

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A PNG's signature and some bytes of its own, so each test stores a new image. */
const png = (tail: string) => new Uint8Array([...pngSignature, ...new TextEncoder().encode(tail)])
const dataUri = (mediaType: string, bytes: Uint8Array) => `data:${mediaType};base64,${Encoding.encodeBase64(bytes)}`
const svg = (body: string) =>
  dataUri("image/svg+xml", new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`))

const refused = (uri: string) =>
  Effect.flatMap(Images.Images, (images) => Effect.flip(images.upload(uri))).pipe(
    Effect.map((error) => ({ _tag: error._tag, field: "field" in error ? error.field : undefined }))
  )

export const images = (it: It) => {
  it.effect("a PNG data URI is stored by the hex SHA-256 of its bytes and read back by it", () =>
    Effect.gen(function*() {
      const images = yield* Images.Images
      const bytes = png(uniqueId("png"))
      const image = yield* images.upload(dataUri("image/png", bytes))
      expect(image.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(image.mediaType).toBe("image/png")
      const read = yield* images.get(image.hash)
      expect(read.bytes).toEqual(bytes)
      expect(read.mediaType).toBe("image/png")
      expect((yield* Effect.flip(images.get("0".repeat(64))))._tag).toBe("NotFound")
      expect((yield* Effect.flip(images.get("../etc/passwd")))._tag).toBe("NotFound")
    }))

  it.effect("an SVG whose root is <svg> and that references only itself is stored", () =>
    Effect.gen(function*() {
      const images = yield* Images.Images
      const uri = svg(`<title>${uniqueId("svg")}</title><circle id="c" r="4"/><use href="#c"/>`)
      const image = yield* images.upload(uri)
      expect(image.mediaType).toBe("image/svg+xml")
      expect(new TextDecoder().decode((yield* images.get(image.hash)).bytes)).toContain("<svg")
    }))

  it.effect("an SVG with a script, an event attribute, javascript: or an external reference is refused", () =>
    Effect.gen(function*() {
      for (
        const body of [
          "<script>alert(1)</script>",
          `<circle r="4" onload="alert(1)"/>`,
          `<a href="javascript:alert(1)">x</a>`,
          `<image href="https://example.org/x.png"/>`,
          `<image xlink:href = "http://example.org/x.png"/>`
        ]
      ) {
        expect(yield* refused(svg(body))).toEqual({ _tag: "InvalidInput", field: "image" })
      }
      const notSvg = dataUri("image/svg+xml", new TextEncoder().encode("<html><body/></html>"))
      expect(yield* refused(notSvg)).toEqual({ _tag: "InvalidInput", field: "image" })
    }))

  it.effect("another type, or bytes that are not what the type claims, are refused", () =>
    Effect.gen(function*() {
      const gif = dataUri("image/gif", new TextEncoder().encode("GIF89a"))
      expect(yield* refused(gif)).toEqual({ _tag: "InvalidInput", field: "image" })
      const fakePng = dataUri("image/png", new TextEncoder().encode("<svg></svg>"))
      expect(yield* refused(fakePng)).toEqual({ _tag: "InvalidInput", field: "image" })
      expect(yield* refused("https://example.org/x.png")).toEqual({ _tag: "InvalidInput", field: "image" })
      expect(yield* refused("data:image/png,notbase64")).toEqual({ _tag: "InvalidInput", field: "image" })
    }))

  it.effect("an image over 256 KiB is refused, one of exactly 256 KiB is stored", () =>
    Effect.gen(function*() {
      const images = yield* Images.Images
      const big = new Uint8Array(ImageContent.maxBytes + 1)
      big.set(png(uniqueId("big")))
      expect(yield* refused(dataUri("image/png", big))).toEqual({ _tag: "InvalidInput", field: "image" })
      const image = yield* images.upload(dataUri("image/png", big.subarray(0, ImageContent.maxBytes)))
      expect((yield* images.get(image.hash)).bytes.length).toBe(ImageContent.maxBytes)
    }))

  it.effect("the same bytes uploaded twice, even at once, are one image and one row", () =>
    Effect.gen(function*() {
      const images = yield* Images.Images
      const uri = dataUri("image/png", png(uniqueId("twice")))
      const uploads = yield* Effect.all(Array.from({ length: 5 }, () => images.upload(uri)), {
        concurrency: "unbounded"
      })
      expect(new Set(uploads.map((image) => image.hash)).size).toBe(1)
      const sql = yield* SqlClient.SqlClient
      const rows = yield* sql`SELECT hash FROM badge_engine_images WHERE hash = ${uploads[0]!.hash}`
      expect(rows).toHaveLength(1)
    }))
}
