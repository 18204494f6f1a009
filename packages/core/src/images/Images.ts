/**
 * Uploaded images: a `data:` URI of a PNG or SVG is checked (SVGs conservatively: see `ImageContent`), capped at
 * 256 KiB and stored by the hex SHA-256 of its bytes. Uploading needs no role beyond what the calling service checks;
 * reading needs none, since images are public.
 *
 * @since 0.1.0
 */
import { sha256 } from "@noble/hashes/sha2"
import { bytesToHex } from "@noble/hashes/utils"
import { Context, DateTime, Effect, Layer, Option } from "effect"
import { type InvalidInput, NotFound, type StoreError } from "../Errors.js"
import { Image, type ImageHash } from "./Image.js"
import { decodeDataUri } from "./ImageContent.js"
import { ImageStore } from "./ImageStore.js"

/** The images service. */
export class Images extends Context.Tag("@badge-engine/core/Images")<Images, {
  /** Checks and stores a base64 `data:` URI of a PNG or SVG; the same bytes uploaded twice are one image. */
  readonly upload: (dataUri: string) => Effect.Effect<Image, InvalidInput | StoreError>
  /** An image by the hex SHA-256 of its bytes; any other string is not found. */
  readonly get: (hash: string) => Effect.Effect<Image, NotFound | StoreError>
}>() {}

/** Builds the images service from the port in context. */
export const make = Effect.gen(function*() {
  const store = yield* ImageStore

  const upload = Effect.fn("Images.upload")(function*(dataUri: string) {
    const { bytes, mediaType } = yield* decodeDataUri(dataUri)
    const hash = bytesToHex(sha256(bytes)) as ImageHash
    return yield* store.put(new Image({ hash, mediaType, bytes, createdAt: yield* DateTime.now }))
  })

  const get = Effect.fn("Images.get")(function*(hash: string) {
    const found = /^[0-9a-f]{64}$/.test(hash) ? yield* store.get(hash as ImageHash) : Option.none()
    return Option.isSome(found) ? found.value : yield* new NotFound({ entity: "image", id: hash })
  })

  return Images.of({ upload, get })
})

/** The images service over the port in context. */
export const layer: Layer.Layer<Images, never, ImageStore> = Layer.effect(Images, make)
