/**
 * Images uploaded to the engine (badge and issuer images given as `data:` URIs): kept by the hex SHA-256 of their
 * bytes, so the same bytes are stored once, and served by the server that holds them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** The media types an image may have: PNG and SVG. */
export const ImageMediaType = Schema.Literal("image/png", "image/svg+xml")
/** @since 0.1.0 */
export type ImageMediaType = typeof ImageMediaType.Type

/** The hex SHA-256 of an image's bytes: its id and the last segment of its URL. */
export const ImageHash = Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/), Schema.brand("ImageHash"))
/** @since 0.1.0 */
export type ImageHash = typeof ImageHash.Type

/** An uploaded image: its bytes, what they are, and when they were first stored. */
export class Image extends Schema.Class<Image>("Image")({
  hash: ImageHash,
  mediaType: ImageMediaType,
  bytes: Schema.Uint8ArrayFromSelf,
  createdAt: Schema.DateTimeUtcFromSelf
}) {}
