/**
 * Handlers of BadgeFed's badges, over the definitions service (which checks the key's role and organisation).
 *
 * @since 0.1.0
 */
import { type BadgeDefinition, Definitions, Organisations } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect } from "effect"
import { serialOf } from "../../images/BadgeImageApi.js"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { notFound } from "./Errors.js"
import { respond } from "./Failures.js"
import { badgeJson, issuerJson } from "./Json.js"
import { ownerOfKey } from "./Owner.js"

/** BadgeFed's words for a badge the key cannot see. */
const badgeNotFound = "Badge not found or not authorized."

/** The most a page of definitions holds. */
const pageSize = 100

/** The badges handlers. */
export const BadgesHttp = HttpApiBuilder.group(Api, "badgefedBadges", (handlers) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const organisations = yield* Organisations.Organisations
    const urls = yield* PublicUrl

    return handlers
      .handle("list", () =>
        Effect.gen(function*() {
          const organisation = yield* ownerOfKey(organisations)
          const active: Array<BadgeDefinition> = []
          for (let page = 1;; page++) {
            const found = yield* definitions.listPlain(
              { organisationId: organisation.id, active: true },
              { page, limit: pageSize }
            )
            active.push(...found.items)
            if (found.items.length < pageSize || active.length >= found.total) break
          }
          const issuer = issuerJson(organisation, urls)
          return {
            success: true as const,
            count: active.length,
            badges: active.map((definition) => badgeJson(definition, issuer, urls))
          }
        }).pipe(respond(badgeNotFound)))
      .handle("get", ({ path }) =>
        Effect.gen(function*() {
          const organisation = yield* ownerOfKey(organisations)
          const serial = serialOf(path.badgeId)
          if (serial === undefined) return yield* Effect.fail(notFound(badgeNotFound))
          const definition = yield* definitions.getBySerial(organisation.id, serial)
          return { success: true as const, badge: badgeJson(definition, issuerJson(organisation, urls), urls) }
        }).pipe(respond(badgeNotFound)))
  }))
