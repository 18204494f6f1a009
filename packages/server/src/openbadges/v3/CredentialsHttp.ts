/**
 * The Open Badges 3.0 handlers: documents as JSON (never cached long: a status list changes when an award is
 * revoked, a credential when its badge does), images baked with the credential. An uploaded PNG or SVG is baked
 * itself; an image held elsewhere, or none, is wrapped in an SVG that carries the credential.
 *
 * @since 0.1.0
 */
import {
  type Awards,
  type Image,
  type ImageHash,
  Images,
  type IssuerKeys,
  NotFound,
  type Organisations,
  type ServerSecrets,
  type StatusLists,
  type StoreError
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, Layer } from "effect"
import { notFound, unavailable } from "../../contracts/v1/Errors.js"
import { uploadedImagePath } from "../../images/ImagesApi.js"
import { PublicUrl } from "../../PublicUrl.js"
import * as Baking from "../Baking.js"
import { OpenBadgesV3Api } from "./CredentialsApi.js"
import * as SignedDocuments from "./SignedDocuments.js"
import * as VcJose from "./VcJose.js"

const headers = { "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" }
const svgHeaders = { ...headers, "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src *" }

const document = (value: unknown) =>
  HttpServerResponse.text(JSON.stringify(value, null, 2), { contentType: "application/json", headers })

/** Engine errors in the fallback shape: anything absent is a 404 naming what was asked for. */
const failures = (what: string) => <A, R>(effect: Effect.Effect<A, NotFound | StoreError, R>) =>
  effect.pipe(Effect.catchTags({
    NotFound: () => Effect.fail(notFound(`no ${what}`)),
    StoreError: (error) => Effect.zipRight(Effect.logError(error.message, error.cause), Effect.fail(unavailable()))
  }))

/** The Open Badges 3.0 handlers over the signed documents and the images service. */
export const CredentialsHttp: Layer.Layer<
  HttpApiGroup.ApiGroup<"openBadgesV3", "openBadgesV3">,
  never,
  | Images.Images
  | PublicUrl
  | Awards.Awards
  | Organisations.Organisations
  | IssuerKeys.IssuerKeys
  | StatusLists.StatusLists
  | ServerSecrets.ServerSecrets
> = HttpApiBuilder.group(OpenBadgesV3Api, "openBadgesV3", (handlers) =>
  Effect.gen(function*() {
    const signed = yield* SignedDocuments.SignedDocuments
    const images = yield* Images.Images
    const urls = yield* PublicUrl
    const uploaded = urls.to(uploadedImagePath(""))

    /** The bytes of an image held here, if the URL is one. */
    const held = (url: string | undefined) =>
      url !== undefined && url.startsWith(uploaded)
        ? images.get(url.slice(uploaded.length) as ImageHash).pipe(
          Effect.map((image) => image as Image | undefined),
          Effect.catchTag("NotFound", () => Effect.succeed(undefined))
        )
        : Effect.succeed(undefined)

    return handlers
      .handle("credential", ({ path, request }) =>
        (VcJose.wantsJwt(request.headers.accept)
          ? Effect.map(
            signed.credentialJwt(path.id),
            (jwt) =>
              HttpServerResponse.text(jwt, { contentType: VcJose.mediaType, headers: { ...headers, Vary: "Accept" } })
          )
          : Effect.map(
            signed.credential(path.id),
            (made) => HttpServerResponse.setHeader(document(made.document), "Vary", "Accept")
          )).pipe(
            failures(`credential ${path.id}`)
          ))
      .handle("credentialImage", ({ path }) =>
        Effect.gen(function*() {
          const made = yield* signed.credential(path.id)
          const json = JSON.stringify(made.document)
          const image = yield* held(made.definition.imageUrl)
          if (image?.mediaType === "image/png") {
            const baked = Baking.bakePng(image.bytes, "openbadgecredential", json)
            if (baked !== undefined) return HttpServerResponse.uint8Array(baked, { contentType: "image/png", headers })
          }
          const svg = image?.mediaType === "image/svg+xml"
            ? Baking.bakeSvg(new TextDecoder().decode(image.bytes), "openbadgecredential", json)
            : undefined
          return HttpServerResponse.text(
            svg ?? Baking.wrapperSvg(made.definition.name, made.definition.imageUrl, "openbadgecredential", json),
            { contentType: "image/svg+xml", headers: svgHeaders }
          )
        }).pipe(failures(`credential ${path.id}`)))
      .handle("statusList", ({ path }) =>
        (/^\d{1,16}$/.test(path.list)
          ? signed.statusList(path.organisationId, Number(path.list))
          : Effect.fail(new NotFound({ entity: "status list", id: path.list }))).pipe(
            Effect.map(document),
            failures(`status list ${path.organisationId}/${path.list}`)
          ))
      .handle("didDocument", ({ path }) =>
        signed.didDocument(path.organisationId).pipe(
          Effect.map((value) =>
            HttpServerResponse.text(JSON.stringify(value, null, 2), { contentType: "application/did+json", headers })
          ),
          failures(`organisation ${path.organisationId}`)
        ))
  })).pipe(Layer.provide(SignedDocuments.layer))
