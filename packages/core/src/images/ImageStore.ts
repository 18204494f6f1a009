/**
 * The storage port of uploaded images, keyed by the hash of their bytes: storing the same bytes twice keeps one row.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { Image, ImageHash } from "./Image.js"

/** The images port. */
export class ImageStore extends Context.Tag("@badge-engine/core/ImageStore")<ImageStore, {
  /**
   * Stores an image unless its hash is stored (`INSERT … ON CONFLICT DO NOTHING`) and returns the image stored: the
   * first upload's, when the bytes were stored before.
   */
  readonly put: (image: Image) => Effect.Effect<Image, StoreError>
  readonly get: (hash: ImageHash) => Effect.Effect<Option.Option<Image>, StoreError>
}>() {}
