/**
 * The hosted documents' handlers: each reads the public records (no role needed) and answers JSON-LD, a revoked
 * assertion 410 Gone, a browser asking for an assertion its badge page, and a baked image the badge's uploaded image
 * with the assertion in it. Every answer may be read from any origin (verifiers run in browsers too).
 *
 * @since 0.1.0
 */
import {
  Images,
  type NotFound,
  PublicBadges,
  RecipientIdentity,
  ServerSecrets,
  type StoreError
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"
import { awardPage } from "../../pages/BadgePage.js"
import * as ErrorPages from "../../pages/ErrorPages.js"
import { PublicUrl } from "../../PublicUrl.js"
import * as Baking from "../Baking.js"
import { OpenBadgesV2Api } from "./Api.js"
import * as Documents from "./Documents.js"
import { suffixed, wantsHtml } from "./Negotiation.js"

type Response = HttpServerResponse.HttpServerResponse

const shared = {
  "access-control-allow-origin": "*",
  // A revocation must be seen at once: caches ask again every time.
  "cache-control": "no-cache",
  "vary": "Accept",
  "x-content-type-options": "nosniff"
}

/** A JSON-LD answer. */
export const json = (body: unknown, status = 200): Response =>
  HttpServerResponse.text(JSON.stringify(body), { status, contentType: "application/ld+json", headers: shared })

/** An error answer: `{ "error": message }`. */
export const failure = (status: number, error: string): Response =>
  HttpServerResponse.text(JSON.stringify({ error }), { status, contentType: "application/json", headers: shared })

/** Unknown records and storage failures as answers, in JSON or as a page. */
const answering = (what: string, html: boolean) => <R>(effect: Effect.Effect<Response, NotFound | StoreError, R>) =>
  Effect.catchTags(effect, {
    NotFound: () => Effect.succeed(html ? ErrorPages.notFound() : failure(404, `${what} not found`)),
    StoreError: (error) =>
      Effect.as(
        Effect.logError(error.message, error.cause),
        html ? ErrorPages.unavailable() : failure(503, "storage is unavailable; try again later")
      )
  })

/** The handlers over the public records and the uploaded images. */
export const OpenBadgesV2Http = HttpApiBuilder.group(
  OpenBadgesV2Api,
  "openBadgesV2",
  (handlers) =>
    Effect.gen(function*() {
      const records = yield* PublicBadges.PublicBadges
      const images = yield* Images.Images
      const urls = yield* PublicUrl
      const salts = RecipientIdentity.salts(yield* ServerSecrets.ServerSecrets)

      const notBakeable = failure(
        404,
        "the badge's image is not a PNG or SVG stored on this server; it cannot be baked"
      )

      const bake = (published: PublicBadges.PublishedAward) =>
        Effect.gen(function*() {
          const assertion = Documents.assertion(published, urls, (yield* salts)(published.award.id))
          const hash = Baking.uploadedHash(published.definition.imageUrl)
          if (hash === undefined) return notBakeable
          // A URL naming a hash this server does not hold names an image elsewhere.
          const image = yield* images.get(hash).pipe(Effect.catchTag("NotFound", () => Effect.succeed(undefined)))
          if (image === undefined) return notBakeable
          const text = JSON.stringify(assertion)
          if (image.mediaType === "image/png") {
            const baked = Baking.bakePng(image.bytes, "openbadges", text)
            return baked === undefined
              ? notBakeable
              : HttpServerResponse.uint8Array(baked, { contentType: "image/png", headers: shared })
          }
          const svg = Baking.bakeSvg(new TextDecoder().decode(image.bytes), "openbadges", text, String(assertion.id))
          return svg === undefined ? notBakeable : HttpServerResponse.text(svg, {
            contentType: "image/svg+xml",
            headers: { ...shared, "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" }
          })
        })

      return handlers
        .handle("assertion", ({ path, request }) => {
          const { id, json: asked } = suffixed(path.id)
          const html = !asked && wantsHtml(request.url, request.headers.accept)
          return Effect.gen(function*() {
            const published = yield* records.award(id)
            const salt = (yield* salts)(published.award.id)
            if (html) return HttpServerResponse.setHeader(awardPage(published, urls, salt), "vary", "Accept")
            return published.status === "revoked"
              ? json(Documents.revoked(published, urls), 410)
              : json(Documents.assertion(published, urls, salt))
          }).pipe(answering("assertion", html))
        })
        .handle("bakedImage", ({ path }) =>
          Effect.gen(function*() {
            const published = yield* records.award(path.id)
            if (published.status === "revoked") return json(Documents.revoked(published, urls), 410)
            return yield* bake(published)
          }).pipe(answering("assertion", false)))
        .handle("badgeClass", ({ path }) =>
          records.badge(suffixed(path.id).id).pipe(
            Effect.map((badge) => json(Documents.badgeClass(badge, urls))),
            answering("badge class", false)
          ))
        .handle("issuer", ({ path }) =>
          records.issuer(suffixed(path.id).id).pipe(
            Effect.map((issuer) => json(Documents.profile(issuer, urls))),
            answering("issuer", false)
          ))
    })
)
