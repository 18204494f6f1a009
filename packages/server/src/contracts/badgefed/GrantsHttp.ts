/**
 * Handlers of BadgeFed's grants, over the definitions and grants services (which check the key's role and
 * organisation). A grant's accept key is only ever put in the accept URL of the answer.
 *
 * @since 0.1.0
 */
import { Definitions, type GrantId, Grants, Organisations } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, Either } from "effect"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { badRequest, notFound, notJson } from "./Errors.js"
import { respond } from "./Failures.js"
import { check } from "./GrantRequest.js"
import { acceptUrl, badgeRecordJson, earningCriteria, grantStatusJson } from "./Json.js"
import { ownerOfKey } from "./Owner.js"

/** The longest evidence a grant keeps: a longer earning criteria is not copied into it. */
const maxEvidence = 2000

/**
 * What a note id names: a note URL's last segment (see `NoteUrls.ts`) or the segment itself, which is the grant's id,
 * or, all digits, its serial (the badge record's `id`). Grant ids are never all digits (`grant-{uuid}`).
 */
const grantOf = (grants: Grants.Grants["Type"], noteId: string) => {
  const segment = noteId.split("/").filter((part) => part !== "").pop() ?? ""
  const serial = /^\d+$/.test(segment) ? Number(segment) : NaN
  // Digits past the safe integers name no serial: read as an id, they find nothing either.
  return Number.isSafeInteger(serial) ? grants.getBySerial(serial) : grants.get(segment as GrantId)
}

/** A JSON body: `application/json` or a `+json` type, any parameters (`; charset=utf-8`) after it. */
const isJson = (request: HttpServerRequest.HttpServerRequest): boolean => {
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))
}

/** The grants handlers. */
export const GrantsHttp = HttpApiBuilder.group(Api, "badgefedGrants", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const organisations = yield* Organisations.Organisations
    const grants = yield* Grants.Grants
    const urls = yield* PublicUrl

    return handlers
      .handle("grant", ({ payload, request: http }) =>
        Effect.gen(function*() {
          // A form or text body was read as something, but not as the JSON the checks below expect.
          if (!isJson(http)) return yield* Effect.fail(notJson())
          const request = check(payload)
          if (Either.isLeft(request)) return yield* Effect.fail(badRequest(request.left))
          const { badgeId, email, evidence, name, profileUri } = request.right
          const organisation = yield* ownerOfKey(organisations)
          const definition = yield* definitions.getBySerial(organisation.id, badgeId)
          const criteria = earningCriteria(definition)
          const defaultEvidence = criteria !== "" && criteria.length <= maxEvidence ? criteria : undefined
          const offered = yield* grants.offer({
            definitionId: definition.id,
            profileUri,
            email,
            name,
            evidence: evidence ?? defaultEvidence
          })
          return {
            success: true as const,
            message: "Badge granted successfully" as const,
            acceptUrl: acceptUrl(offered.grant, offered.acceptKey, urls),
            badgeRecord: badgeRecordJson(offered.grant, definition, organisation, urls)
          }
        }).pipe(respond("Badge not found")))
      .handle("status", ({ path }) =>
        Effect.gen(function*() {
          const organisation = yield* ownerOfKey(organisations)
          const grant = yield* grantOf(grants, path.noteId)
          if (grant.organisationId !== organisation.id || grant.status === "revoked") {
            return yield* Effect.fail(notFound("Grant not found."))
          }
          const { definition } = yield* definitions.get(grant.definitionId)
          return grantStatusJson(grant, grant.status, definition, organisation, urls)
        }).pipe(respond("Grant not found.")))
  }))
