/**
 * The rows of uploaded images, declared once as a Schema: the bytes as the driver's binary value.
 */
import { Image, ImageHash, ImageMediaType } from "@badge-engine/core"
import { Bytes, column, entityRow, Timestamp } from "./codecs.js"

/** An image's row. */
export const ImageRow = entityRow(Image, {
  hash: ImageHash,
  mediaType: column("media_type", ImageMediaType),
  bytes: Bytes,
  createdAt: column("created_at", Timestamp)
})
