/**
 * The organisation a Badgr token acts for, and the inputs Badgr words its own way: images by URL, slugs made from
 * names.
 *
 * @since 0.1.0
 */
import { Actor, type OrganisationId } from "@badge-engine/core"
import { Effect, Random } from "effect"
import { badRequest, forbidden } from "./Errors.js"

/** The token's organisation; a token bound to none (a `system` key) is refused. */
export const organisationOfToken: Effect.Effect<OrganisationId, ReturnType<typeof forbidden>> = Effect.flatMap(
  Actor.CurrentActor,
  (actor) =>
    actor._tag === "Principal" && actor.organisationId !== undefined
      ? Effect.succeed(actor.organisationId)
      : Effect.fail(forbidden("This token acts for no organisation"))
)

/** An image as the engine keeps it: an http(s) URL. Uploads (`data:` URIs) are not supported yet. */
export const imageUrl = (image: string | undefined) =>
  image === undefined || image === ""
    ? Effect.succeed(undefined)
    : image.startsWith("data:")
    ? Effect.fail(badRequest("image uploads are not supported yet; give an http(s) URL", "image"))
    : /^https?:\/\/\S+$/i.test(image)
    ? Effect.succeed(image)
    : Effect.fail(badRequest("image must be an http(s) URL", "image"))

/** A slug for a new entity: its name in lower case with dashes, and a random tail so names may repeat. */
export const slugOf = (name: string) =>
  Effect.map(Random.nextIntBetween(0, 36 ** 6), (n) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40)
    const tail = n.toString(36).padStart(6, "0")
    return base === "" ? tail : `${base.replace(/-+$/, "")}-${tail}`
  })
