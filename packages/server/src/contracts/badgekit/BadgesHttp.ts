/**
 * Handlers of BadgeKit's badges at every level, over the definitions service (which checks the key's role and
 * system). A badge's slug is unique on the whole server; a listing at a level includes the badges below it.
 *
 * @since 0.1.0
 */
import {
  type BadgeDefinition,
  type BadgeKitKeys,
  Definitions,
  Images,
  type Issuers,
  type Organisations
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, Either, Encoding, type Layer } from "effect"
import { uploadedImagePath } from "../../images/ImagesApi.js"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { badgeInput } from "./BadgeInput.js"
import type { Upload } from "./Body.js"
import { type Call, signed } from "./Caller.js"
import { conflict, invalidParameter, notFound, validationError } from "./Errors.js"
import { badgeAt, type Level, type Place, placeOf, printerFor } from "./Hierarchy.js"
import { badgeJson } from "./Json.js"

/** `archived`: `false` (default) or `0` unarchived only, `true` or `1` archived only, `any` both. */
const archivedFilter = (value: string | null) => {
  switch (value) {
    case null:
    case "false":
    case "0":
      return Effect.succeed(true)
    case "true":
    case "1":
      return Effect.succeed(false)
    case "any":
      return Effect.succeed(undefined)
    default:
      return Effect.fail(invalidParameter("archived", "archived must be true, false, 1, 0 or any"))
  }
}

/** A positive whole number of at most `max`, or a 400 naming the parameter. */
const positive = (name: string, value: string | null, fallback: number, max: number) => {
  if (value === null) return Effect.succeed(fallback)
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  return number >= 1 && number <= max
    ? Effect.succeed(number)
    : Effect.fail(invalidParameter(name, `${name} must be a whole number from 1 to ${max}`))
}

/** The request's path without its query and trailing slash: where a new badge's Location starts. */
const pathOf = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => request.url.split("?")[0]!.replace(/\/+$/, "")
)

const queryOf = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => new URLSearchParams(request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "")
)

/** The body's fields as the seed's conflict shows them: what was sent, files left out. */
const sentFields = (call: Call) =>
  Object.fromEntries(
    Object.entries(call.fields).filter(([name]) => name !== "image" || typeof call.fields[name] === "string")
  )

/** The badges handlers. */
export const BadgesHttp: Layer.Layer<
  HttpApiGroup.ApiGroup<"badgekit", "badgekitBadges">,
  never,
  | Definitions.Definitions
  | Images.Images
  | Organisations.Organisations
  | Issuers.Issuers
  | BadgeKitKeys.BadgeKitKeys
  | PublicUrl
> = HttpApiBuilder.group(Api, "badgekitBadges", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const images = yield* Images.Images
    const urls = yield* PublicUrl

    const print = (place: Place) =>
      Effect.map(printerFor(place.system), (printer) => (definition: BadgeDefinition) =>
        Effect.map(printer.milestones(definition), (milestones) =>
          badgeJson(definition, printer.owners(definition), milestones)))

    const printOne = (place: Place, definition: BadgeDefinition) =>
      Effect.flatMap(print(place), (printer) =>
        printer(definition))

    /** An uploaded file stored by content hash; its URL on this server. */
    const stored = (upload: Upload) =>
      images.upload(`data:${upload.mediaType};base64,${Encoding.encodeBase64(upload.bytes)}`).pipe(
        Effect.map((image) =>
          urls.to(uploadedImagePath(image.hash))
        ),
        Effect.catchTag("InvalidInput", (error) =>
          Effect.fail(validationError([{ field: "image", value: "(file)", message: error.reason }])))
      )

    const list = (level: Level) =>
      signed(level.system, () =>
        Effect.gen(function*() {
          const place = yield* placeOf(level)
          const query = yield* queryOf
          const active = yield* archivedFilter(query.get("archived"))
          const paged = query.has("page") || query.has("count")
          const page = yield* positive("page", query.get("page"), 1, 1_000_000)
          const count = yield* positive("count", query.get("count"), 20, 100)
          const filter = {
            organisationId: place.system.id,
            issuerId: place.issuer?.id,
            programId: place.program?.id,
            active
          }
          const printer = yield* print(place)
          if (paged) {
            const found = yield* definitions.listPlain(filter, { page, limit: count })
            const badges = yield* Effect.forEach(found.items, printer)
            return HttpServerResponse.unsafeJson({ badges, pageData: { page, count, total: found.total } })
          }
          const all: Array<BadgeDefinition> = []
          for (let next = 1;; next++) {
            const found = yield* definitions.listPlain(filter, { page: next, limit: 100 })
            all.push(...found.items)
            if (found.items.length < 100 || all.length >= found.total) {
              break
            }
          }
          return HttpServerResponse.unsafeJson({ badges: yield* Effect.forEach(all, printer) })
        }))

    const get = (level: Level, slug: string) =>
      signed(level.system, () =>
        Effect.gen(function*() {
          const place = yield* placeOf(level)
          const badge = yield* printOne(place, yield* badgeAt(place, slug))
          return HttpServerResponse.unsafeJson({ badge })
        }))

    const create = (level: Level) =>
      signed(level.system, (call) =>
        Effect.gen(function*() {
          const place = yield* placeOf(level)
          const input = badgeInput(call.fields, "create")
          if (Either.isLeft(input)) {
            return yield* Effect.fail(validationError(input.left))
          }
          const { fields, upload } = input.right
          const imageUrl = upload === undefined ? fields.imageUrl : yield* stored(upload)
          const created = yield* definitions.create({
            ...(fields as Definitions.DefinitionInput),
            organisationId: place.system.id,
            ...(place.issuer === undefined ? {} : { issuerId: place.issuer.id }),
            ...(place.program === undefined ? {} : { programId: place.program.id }),
            imageUrl: imageUrl as string,
            slugScope: "server"
          }).pipe(
            Effect.catchTag("Conflict", () =>
              Effect.fail(conflict("badge", sentFields(call)))),
            // The path's issuer or program was deleted after it was read: the create is refused as if it never was.
            Effect.catchIf(
              (error) => error._tag === "InvalidInput" && (error.field === "issuerId" || error.field === "programId"),
              () =>
                Effect.fail(
                  place.program === undefined
                    ? notFound("issuer", level.issuer ?? "")
                    : notFound("program", level.program ?? "")
                )
            )
          )
          const badge = yield* printOne(place, created.definition)
          return HttpServerResponse.unsafeJson({ status: "created", badge }, {
            status: 201,
            headers: { location: `${yield* pathOf}/${created.definition.slug}` }
          })
        }))

    const update = (level: Level, slug: string) =>
      signed(level.system, (call) =>
        Effect.gen(function*() {
          const place = yield* placeOf(level)
          const found = yield* badgeAt(place, slug)
          const input = badgeInput(call.fields, "update")
          if (Either.isLeft(input)) return yield* Effect.fail(validationError(input.left))
          const { fields, upload } = input.right
          const patch = upload === undefined ? fields : { ...fields, imageUrl: yield* stored(upload) }
          const updated = yield* definitions.update(found.id, patch).pipe(
            Effect.catchTag("Conflict", () => Effect.fail(conflict("badge", sentFields(call))))
          )
          return HttpServerResponse.unsafeJson({ status: "updated", badge: yield* printOne(place, updated.definition) })
        }))

    const remove = (level: Level, slug: string) =>
      signed(level.system, () =>
        Effect.gen(function*() {
          const place = yield* placeOf(level)
          const found = yield* badgeAt(place, slug)
          const badge = yield* printOne(place, found)
          yield* definitions.remove(found.id)
          return HttpServerResponse.unsafeJson({ status: "deleted", badge })
        }))

    return handlers
      .handle("listOfSystem", ({ path }) => list(path))
      .handle("createInSystem", ({ path }) => create(path))
      .handle("getOfSystem", ({ path }) => get(path, path.badge))
      .handle("updateOfSystem", ({ path }) => update(path, path.badge))
      .handle("deleteOfSystem", ({ path }) => remove(path, path.badge))
      .handle("listOfIssuer", ({ path }) => list(path))
      .handle("createInIssuer", ({ path }) => create(path))
      .handle("getOfIssuer", ({ path }) => get(path, path.badge))
      .handle("updateOfIssuer", ({ path }) => update(path, path.badge))
      .handle("deleteOfIssuer", ({ path }) => remove(path, path.badge))
      .handle("listOfProgram", ({ path }) => list(path))
      .handle("createInProgram", ({ path }) => create(path))
      .handle("getOfProgram", ({ path }) => get(path, path.badge))
      .handle("updateOfProgram", ({ path }) => update(path, path.badge))
      .handle("deleteOfProgram", ({ path }) => remove(path, path.badge))
  }))
