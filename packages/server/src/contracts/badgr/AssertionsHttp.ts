/**
 * Handlers of Badgr's Assertions, over the awards service (which checks the token's role and organisation); the
 * scopes are checked here against the BadgeClass's issuer. A listing pages by the awards' serials: flat at depth.
 *
 * @since 0.1.0
 */
import {
  Actor,
  type Award,
  type AwardFilter,
  type AwardId,
  Awards,
  type BadgeDefinition,
  type BadgeDefinitionId,
  Definitions,
  Evidence,
  type IssuerId,
  Issuers,
  Recipient,
  RecipientIdentity,
  RecipientKind,
  ServerSecrets
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect } from "effect"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { type AssertionInput, assertionJson, recipientOf } from "./AssertionJson.js"
import type { ListParams } from "./AssertionsApi.js"
import { byIdOrEntityId, byRef, listAll } from "./BadgeClassLookup.js"
import { requireIssuer } from "./Credentials.js"
import { badRequest } from "./Errors.js"
import { respond } from "./Failures.js"
import { ok } from "./Json.js"

/** Every engine recipient an identity in a query may name. */
const recipientsOf = (identities: ReadonlyArray<string>) =>
  identities.flatMap((value) => RecipientKind.literals.map((kind) => new Recipient({ kind, value })))

/** Sets the `Link` header of the response this request gets: a URL per relation. */
const link = (relations: ReadonlyArray<readonly [rel: string, url: string]>) =>
  relations.length === 0 ? Effect.void : HttpApp.appendPreResponseHandler((_, response) =>
    Effect.succeed(
      HttpServerResponse.setHeader(response, "link", relations.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(", "))
    )
  )

/** The Assertions handlers. */
export const AssertionsHttp = HttpApiBuilder.group(Api, "badgrAssertions", (handlers) =>
  Effect.gen(function*() {
    const awards = yield* Awards.Awards
    const definitions = yield* Definitions.Definitions
    const issuers = yield* Issuers.Issuers
    const urls = yield* PublicUrl
    const salts = RecipientIdentity.salts(yield* ServerSecrets.ServerSecrets)

    const definitionOf = (id: BadgeDefinitionId) => Effect.map(definitions.get(id), (found) => found.definition)

    const list = (
      filter: AwardFilter,
      params: typeof ListParams.Type,
      known: ReadonlyMap<string, BadgeDefinition>
    ) =>
      Effect.gen(function*() {
        const recipients = params.recipient === undefined
          ? undefined
          : recipientsOf(typeof params.recipient === "string" ? [params.recipient] : params.recipient)
        if (params.after !== undefined && params.before !== undefined) {
          return yield* Effect.fail(badRequest("give after or before, not both", "before"))
        }
        const backwards = params.before !== undefined
        const page = yield* awards.forOrganisation({
          ...filter,
          ...(recipients === undefined ? {} : { recipients }),
          includeRevoked: params.include_revoked === "true",
          includeExpired: params.include_expired === "true",
          ...(params.after === undefined ? {} : { afterSerial: Number(params.after) }),
          ...(backwards ? { beforeSerial: Number(params.before), newestFirst: true } : {})
        }, { page: 1, limit: params.num ?? 100 })
        // A page reads oldest first; a previous page was read from its end.
        const items = backwards ? [...page.items].reverse() : page.items
        const more = page.total > items.length
        const request = yield* HttpServerRequest.HttpServerRequest
        const to = (cursor: "after" | "before", serial: number) => {
          const url = new URL(request.url, "http://badgr.invalid")
          url.searchParams.delete("after")
          url.searchParams.delete("before")
          url.searchParams.set(cursor, String(serial))
          return urls.to(`${url.pathname}${url.search}`)
        }
        const first = items.at(0)
        const last = items.at(-1)
        yield* link([
          ...(last !== undefined && (backwards || more) ? [["next", to("after", last.serial)] as const] : []),
          ...(first !== undefined && (backwards ? more : params.after !== undefined)
            ? [["prev", to("before", first.serial)] as const]
            : [])
        ])
        const saltOf = yield* salts
        const json = (award: Award) => {
          const definition = known.get(award.definitionId)
          return definition === undefined
            ? Effect.map(definitionOf(award.definitionId), (found) => assertionJson(award, found, urls, saltOf))
            : Effect.succeed(assertionJson(award, definition, urls, saltOf))
        }
        return ok(yield* Effect.forEach(items, json))
      })

    const issue = (definition: BadgeDefinition, input: typeof AssertionInput.Type) =>
      Effect.gen(function*() {
        yield* requireIssuer("rw", definition.issuerId)
        if (input.recipient.identity.startsWith("sha256$")) {
          return yield* Effect.fail(badRequest("give the recipient's plain identity", "recipient.identity"))
        }
        const actor = yield* Actor.CurrentActor
        const made = yield* awards.issue({
          definitionId: definition.id,
          recipient: recipientOf(input.recipient.identity, input.recipient.type),
          awardedBy: actor._tag === "Principal" ? actor.name.slice(0, 255) || "badgr" : "badgr",
          ...(input.issuedOn === undefined ? {} : { awardedAt: input.issuedOn }),
          evidence: (input.evidence ?? []).map((one) =>
            new Evidence({
              ...(one.url == null ? {} : { url: one.url }),
              ...(one.narrative == null ? {} : { narrative: one.narrative })
            })
          ),
          ...(input.narrative == null ? {} : { narrative: input.narrative }),
          ...(input.expires == null ? {} : { expiresAt: input.expires })
        }, { allowDuplicates: input.allowDuplicateAwards })
        const saltOf = yield* salts
        return ok([assertionJson(made, definition, urls, saltOf)])
      })

    const assertion = (id: string) =>
      Effect.gen(function*() {
        const award: Award = yield* awards.get(id as AwardId)
        const definition = yield* definitionOf(award.definitionId)
        yield* requireIssuer("r", definition.issuerId)
        return { award, definition }
      })

    const ofIssuer = (entityId: string) =>
      Effect.gen(function*() {
        const issuer = yield* issuers.get(entityId as IssuerId)
        yield* requireIssuer("r", issuer.id)
        return yield* listAll({ issuerId: issuer.id })
      })

    /** The BadgeClass an issue under an issuer names, which must be that issuer's. */
    const named = (issuerId: string, input: typeof AssertionInput.Type) =>
      Effect.gen(function*() {
        const found = input.badgeclass !== undefined
          ? yield* byIdOrEntityId(input.badgeclass, false)
          : input.badgeclassOpenBadgeId !== undefined
          ? yield* byRef(Buffer.from(input.badgeclassOpenBadgeId).toString("base64url"), urls, false)
          : yield* Effect.fail(badRequest("badgeclass or badgeclassOpenBadgeId is required", "badgeclass"))
        if (found.issuerId !== issuerId) {
          return yield* Effect.fail(badRequest("the BadgeClass is not this issuer's", "badgeclass"))
        }
        return found
      })

    return handlers
      .handle("listOfBadgeClass", ({ path, urlParams }) =>
        Effect.gen(function*() {
          const definition = yield* byIdOrEntityId(path.idOrEntityId, true)
          yield* requireIssuer("r", definition.issuerId)
          return yield* list({ definitionId: definition.id }, urlParams, new Map([[definition.id, definition]]))
        }).pipe(respond))
      .handle("issueOfBadgeClass", ({ path, payload }) =>
        Effect.flatMap(byIdOrEntityId(path.idOrEntityId, false), (definition) =>
          issue(definition, payload)).pipe(
            respond
          ))
      .handle("listOfIssuer", ({ path, urlParams }) =>
        Effect.gen(function*() {
          const all = yield* ofIssuer(path.entityId)
          const known = new Map(all.map((definition) => [definition.id as string, definition]))
          return yield* list(
            {
              definitionIds: all.map((definition) =>
                definition.id
              )
            },
            urlParams,
            known
          )
        }).pipe(respond))
      .handle("issueOfIssuer", ({ path, payload }) =>
        Effect.gen(function*() {
          const issuer = yield* issuers.get(path.entityId as IssuerId)
          return yield* issue(yield* named(issuer.id, payload), payload)
        }).pipe(respond))
      .handle("get", ({ path }) =>
        Effect.zipWith(assertion(path.entityId), salts, ({ award, definition }, saltOf) =>
          ok([assertionJson(award, definition, urls, saltOf)]))
          .pipe(respond))
      .handle("revoke", ({ path, payload }) =>
        Effect.gen(function*() {
          const { definition } = yield* assertion(path.entityId)
          yield* requireIssuer("rw", definition.issuerId)
          const revoked = yield* awards.revoke(path.entityId as AwardId, payload.revocation_reason)
          const saltOf = yield* salts
          return ok([assertionJson(revoked, definition, urls, saltOf)])
        }).pipe(respond))
  }))
