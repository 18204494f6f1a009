/**
 * Handlers of Badgr's BadgeClasses, over the definitions service (which checks the token's role and organisation);
 * the scopes are checked here against the BadgeClass's issuer.
 *
 * @since 0.1.0
 */
import { type BadgeDefinition, Definitions, Images, type IssuerId, Issuers } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import type { DeleteParams, ReadParams } from "./BadgeClassesApi.js"
import { badgeClassJson, type BadgeClassUpdate, definitionFieldsOf } from "./BadgeClassJson.js"
import { byIdOrEntityId, byRef, listAll } from "./BadgeClassLookup.js"
import { covers, reach, requireIssuer } from "./Credentials.js"
import { badRequest } from "./Errors.js"
import { respond } from "./Failures.js"
import { ok } from "./Json.js"
import { imageUrls, slugOf } from "./Organisation.js"

/** The BadgeClasses handlers. */
export const BadgeClassesHttp = HttpApiBuilder.group(Api, "badgrBadgeClasses", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const issuers = yield* Issuers.Issuers
    const urls = yield* PublicUrl
    const imageUrl = imageUrls(yield* Images.Images, urls)

    const one = (definition: BadgeDefinition) => ok([badgeClassJson(definition, urls)])
    const archivedToo = (params: typeof ReadParams.Type) => params.include_archived === "true"

    const list = (issuerId: IssuerId | undefined, params: typeof ReadParams.Type) =>
      Effect.gen(function*() {
        const scope = yield* reach("issuer", "r")
        const all = yield* listAll({ issuerId, active: archivedToo(params) ? undefined : true })
        return ok(all.filter((definition) => covers(scope, definition.issuerId)).map((d) => badgeClassJson(d, urls)))
      })

    const create = (issuerId: string, input: typeof BadgeClassUpdate.Type) =>
      Effect.gen(function*() {
        yield* requireIssuer("rw", issuerId)
        const image = yield* imageUrl(input.image)
        const { imageUrl: _, achievementType, criteriaUrl, criteriaNarrative, imageAltText, validityDays, ...rest } =
          definitionFieldsOf(input, image)
        const created = yield* definitions.create({
          ...rest,
          issuerId,
          slug: yield* slugOf(input.name),
          // Badgr has no unique BadgeClass: each issue says whether a duplicate is allowed (allowDuplicateAwards).
          unique: false,
          imageUrl: image,
          achievementType: achievementType ?? undefined,
          criteriaUrl: criteriaUrl ?? undefined,
          criteriaNarrative: criteriaNarrative ?? undefined,
          imageAltText: imageAltText ?? undefined,
          validityDays: validityDays ?? undefined
        })
        return one(created.definition)
      })

    const get = (found: BadgeDefinition) => Effect.as(requireIssuer("r", found.issuerId), one(found))

    const update = (found: BadgeDefinition, input: typeof BadgeClassUpdate.Type) =>
      Effect.gen(function*() {
        yield* requireIssuer("rw", found.issuerId)
        if (input.issuer !== undefined && input.issuer !== found.issuerId) {
          return yield* Effect.fail(badRequest("a BadgeClass cannot move to another issuer", "issuer"))
        }
        const patch = definitionFieldsOf(input, yield* imageUrl(input.image))
        return one((yield* definitions.update(found.id, patch)).definition)
      })

    const remove = (found: BadgeDefinition, params: typeof DeleteParams.Type) =>
      Effect.gen(function*() {
        yield* requireIssuer("rw", found.issuerId)
        if (params.hard_delete === "true") return yield* definitions.hardDelete(found.id)
        yield* definitions.update(found.id, {
          active: false,
          ...(params.archivalNote === undefined ? {} : { archivalNote: params.archivalNote })
        })
      })

    const reactivate = (found: BadgeDefinition) =>
      Effect.gen(function*() {
        yield* requireIssuer("rw", found.issuerId)
        return one((yield* definitions.update(found.id, { active: true })).definition)
      })

    const byId = (id: string, includeArchived = true) => byIdOrEntityId(id, includeArchived)
    const refOf = (ref: string, includeArchived = true) => byRef(ref, urls, includeArchived)

    return handlers
      .handle("list", ({ urlParams }) => list(undefined, urlParams).pipe(respond))
      .handle("create", ({ payload }) => create(payload.issuer, payload).pipe(respond))
      .handle("listOfIssuer", ({ path, urlParams }) =>
        Effect.flatMap(issuers.get(path.entityId as IssuerId), (issuer) =>
          list(issuer.id, urlParams)).pipe(respond))
      .handle("createOfIssuer", ({ path, payload }) =>
        Effect.gen(function*() {
          const issuer = yield* issuers.get(path.entityId as IssuerId)
          if (payload.issuer !== undefined && payload.issuer !== issuer.id) {
            return yield* Effect.fail(badRequest("issuer must be the path's issuer", "issuer"))
          }
          return yield* create(issuer.id, payload)
        }).pipe(respond))
      .handle("get", ({ path, urlParams }) =>
        Effect.flatMap(byId(path.idOrEntityId, archivedToo(urlParams)), get).pipe(respond))
      .handle("update", ({ path, payload }) =>
        Effect.flatMap(byId(path.idOrEntityId, false), (found) =>
          update(found, payload)).pipe(respond))
      .handle("delete", ({ path, urlParams }) =>
        Effect.flatMap(byId(path.idOrEntityId), (found) =>
          remove(found, urlParams)).pipe(respond))
      .handle("getByRef", ({ path, urlParams }) =>
        Effect.flatMap(refOf(path.ref, archivedToo(urlParams)), get).pipe(respond))
      .handle("updateByRef", ({ path, payload }) =>
        Effect.flatMap(refOf(path.ref, false), (found) =>
          update(found, payload)).pipe(respond))
      .handle("deleteByRef", ({ path, urlParams }) =>
        Effect.flatMap(refOf(path.ref), (found) =>
          remove(found, urlParams)).pipe(respond))
      .handle("duplicate", ({ path, payload }) =>
        Effect.gen(function*() {
          const found = yield* byId(path.idOrEntityId, false)
          yield* requireIssuer("rw", found.issuerId)
          // Everything but the rule is copied: a copy awards nothing on its own until given one.
          const { archivalNote: _n, archivedAt: _a, createdAt: _c, deletedAt: _d, id: _i, rule: _r, ...copy } = found
          const { ruleVersion: _v, serial: _s, updatedAt: _u, ...fields } = copy
          const made = yield* definitions.create({
            ...fields,
            name: payload.newName,
            slug: yield* slugOf(payload.newName)
          })
          return one(made.definition)
        }).pipe(respond))
      .handle("reactivate", ({ path }) =>
        Effect.flatMap(byId(path.idOrEntityId), reactivate).pipe(respond))
      .handle("reactivateByRef", ({ path }) =>
        Effect.flatMap(refOf(path.ref), reactivate).pipe(respond))
  }))
