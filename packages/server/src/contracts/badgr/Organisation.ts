/**
 * The organisation a Badgr token acts for, and the inputs Badgr words its own way: images by URL or upload, slugs made from
 * names.
 *
 * @since 0.1.0
 */
import { Actor, type Images, type OrganisationId, slugify } from "@badge-engine/core"
import { Effect, Random } from "effect"
import { uploadedImagePath } from "../../images/ImagesApi.js"
import type { PublicUrl } from "../../PublicUrl.js"
import { badRequest, forbidden } from "./Errors.js"

/** The token's organisation; a token bound to none (a `system` key) is refused. */
export const organisationOfToken: Effect.Effect<OrganisationId, ReturnType<typeof forbidden>> = Effect.flatMap(
  Actor.CurrentActor,
  (actor) =>
    actor._tag === "Principal" && actor.organisationId !== undefined
      ? Effect.succeed(actor.organisationId)
      : Effect.fail(forbidden("This token acts for no organisation"))
)

/**
 * An image as the engine keeps it: an http(s) URL. A `data:` URI (a PNG or SVG, base64) is uploaded, and kept as the
 * absolute URL this server serves it at. Call it once the caller is authorised: uploading checks no role.
 */
export const imageUrls = (images: Images.Images["Type"], urls: PublicUrl["Type"]) => (image: string | undefined) =>
  image === undefined || image === ""
    ? Effect.succeed(undefined)
    : /^data:/i.test(image)
    ? Effect.map(images.upload(image), (uploaded) => urls.to(uploadedImagePath(uploaded.hash)))
    : /^https?:\/\/\S+$/i.test(image)
    ? Effect.succeed(image)
    : Effect.fail(badRequest("image must be an http(s) URL or a data: URI of a PNG or SVG", "image"))

/** A slug for a new entity: its name as a slug (transliterated), and a random tail so names may repeat. */
export const slugOf = (name: string) =>
  Effect.map(Random.nextIntBetween(0, 36 ** 6), (n) => {
    const base = slugify(name).slice(0, 40)
    const tail = n.toString(36).padStart(6, "0")
    return base === "" ? tail : `${base.replace(/-+$/, "")}-${tail}`
  })
