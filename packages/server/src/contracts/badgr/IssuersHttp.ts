/**
 * Handlers of Badgr's issuers, over the issuers service (which checks the token's role and organisation); the
 * scopes are checked here.
 *
 * @since 0.1.0
 */
import { Images, type IssuerId, Issuers } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { covers, reach, requireIssuer } from "./Credentials.js"
import { respond } from "./Failures.js"
import type { IssuerInput } from "./IssuersApi.js"
import { issuerJson, ok } from "./Json.js"
import { imageUrls, organisationOfToken, slugOf } from "./Organisation.js"

/** The issuers handlers. */
export const IssuersHttp = HttpApiBuilder.group(Api, "badgrIssuers", (handlers) =>
  Effect.gen(function*() {
    const issuers = yield* Issuers.Issuers
    const urls = yield* PublicUrl
    const imageUrl = imageUrls(yield* Images.Images, urls)
    /** An issuer's profile as a create and an update both write it: an uploaded image becomes its URL. */
    const profileOf = (payload: typeof IssuerInput.Type) =>
      Effect.gen(function*() {
        return {
          name: payload.name,
          email: payload.email,
          url: payload.url,
          description: payload.description,
          imageUrl: yield* imageUrl(payload.image)
        }
      })

    return handlers
      .handle("list", () =>
        Effect.gen(function*() {
          const scope = yield* reach("issuer", "r")
          const all = yield* issuers.list(yield* organisationOfToken)
          return ok(all.filter((issuer) => covers(scope, issuer.id)).map((issuer) => issuerJson(issuer, urls)))
        }).pipe(respond))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          yield* requireIssuer("rw", undefined)
          const issuer = yield* issuers.create({
            organisationId: yield* organisationOfToken,
            slug: yield* slugOf(payload.name),
            ...(yield* profileOf(payload))
          })
          return ok([issuerJson(issuer, urls)])
        }).pipe(respond))
      .handle("get", ({ path }) =>
        Effect.gen(function*() {
          const issuer = yield* issuers.get(path.entityId as IssuerId)
          yield* requireIssuer("r", issuer.id)
          return ok([issuerJson(issuer, urls)])
        }).pipe(respond))
      .handle("update", ({ path, payload }) =>
        Effect.gen(function*() {
          const current = yield* issuers.get(path.entityId as IssuerId)
          yield* requireIssuer("rw", current.id)
          const issuer = yield* issuers.update(current.id, yield* profileOf(payload))
          return ok([issuerJson(issuer, urls)])
        }).pipe(respond))
  }))
