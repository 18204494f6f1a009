import { Image, type ImageHash, ImageStore, type Stores } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { hoursAfter, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** An image whose bytes (and so whose key) are new to the database: a hash of 64 hex digits made unique. */
const image = (createdAt = t0) => {
  const tag = uniqueId("img")
  const hash = Array.from(new TextEncoder().encode(tag), (b) => b.toString(16).padStart(2, "0")).join("")
    .padEnd(64, "0").slice(-64) as ImageHash
  const bytes = new Uint8Array([0, 1, 2, 253, 254, 255, ...new TextEncoder().encode(tag)])
  return new Image({ hash, mediaType: "image/png", bytes, createdAt })
}

/** The images port. */
export const images = (it: It) => {
  it.effect("stores an image's bytes exactly and reads it by its hash", () =>
    Effect.gen(function*() {
      const store = yield* ImageStore
      const made = image()
      const stored = yield* store.put(made)
      expect(stored.hash).toBe(made.hash)
      const read = Option.getOrThrow(yield* store.get(made.hash))
      expect(read.bytes).toEqual(made.bytes)
      expect(read.mediaType).toBe("image/png")
      expect(read.createdAt).toEqual(t0)
      expect(Option.isNone(yield* store.get("f".repeat(64) as ImageHash))).toBe(true)
    }))

  it.effect("putting a hash again keeps the first row and returns it, even when many put it at once", () =>
    Effect.gen(function*() {
      const store = yield* ImageStore
      const first = image()
      const again = new Image({ ...first, createdAt: hoursAfter(1) })
      const stored = yield* Effect.all([first, again, again, again].map((value) => store.put(value)), {
        concurrency: "unbounded"
      })
      const kept = Option.getOrThrow(yield* store.get(first.hash)).createdAt
      expect(stored.every((value) => value.createdAt.epochMillis === kept.epochMillis)).toBe(true)
    }))
}
