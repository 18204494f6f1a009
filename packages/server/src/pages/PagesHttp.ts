/**
 * The pages' handlers. An accept link needs only its key, a claim link its code (the services check it); the issuer's organisation and a
 * badge page are public, and read as the host where a service asks for a role. Every failure is a page.
 *
 * @since 0.1.0
 */
import {
  Actor,
  ClaimCodes,
  type GrantId,
  Grants,
  type NotFound,
  type OrganisationId,
  Organisations,
  PublicBadges,
  RecipientIdentity,
  ServerSecrets,
  type StoreError
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, Redacted } from "effect"
import { PublicUrl } from "../PublicUrl.js"
import * as AcceptPages from "./AcceptPages.js"
import { awardPage } from "./BadgePage.js"
import * as ClaimHttp from "./ClaimHttp.js"
import * as Csrf from "./Csrf.js"
import * as ErrorPages from "./ErrorPages.js"
import { acceptPrefix, PagesApi } from "./PagesApi.js"

type Page = HttpServerResponse.HttpServerResponse

/** What a grant's link shows for a grant no longer pending. */
const settled = (offer: AcceptPages.Offer): Page =>
  offer.grant.status === "revoked" ? AcceptPages.withdrawn(offer) : AcceptPages.alreadyAccepted(offer)

/** Unknown records and storage failures as pages: the one 404 for whatever was not found. */
const asPage = <E extends NotFound | StoreError, R>(effect: Effect.Effect<Page, E, R>): Effect.Effect<Page, never, R> =>
  Effect.catchAll(
    effect,
    (error) =>
      Effect.succeed(
        error._tag === "NotFound" ? ErrorPages.notFound() : ErrorPages.unavailable()
      )
  )

/** The pages' handlers over the grants, claim codes, public badges and organisations services. */
export const PagesHttp = HttpApiBuilder.group(PagesApi, "pages", (handlers) =>
  Effect.gen(function*() {
    const grants = yield* Grants.Grants
    const publicBadges = yield* PublicBadges.PublicBadges
    const codes = yield* ClaimCodes.ClaimCodes
    const organisations = yield* Organisations.Organisations
    // Behind a proxy's prefix the server sees paths without it, browsers with it: links and the cookie carry it.
    const urls = yield* PublicUrl
    const salts = RecipientIdentity.salts(yield* ServerSecrets.ServerSecrets)
    const { path: root, secure } = urls

    /** The organisation that issues: public on every badge, so read as the host whoever asks. */
    const issuer = (id: OrganisationId) => organisations.get(id).pipe(Actor.actingAs(new Actor.Host()))

    /** The grant the link names, with what it offers; a wrong id or key is `NotFound`. */
    const open = (id: string, key: Redacted.Redacted<string>) =>
      Effect.gen(function*() {
        const { definition, grant } = yield* grants.open(id as GrantId, key)
        return { grant, definition, organisation: yield* issuer(grant.organisationId), root }
      })

    const claims = ClaimHttp.handlers({ codes, issuer, root, secure })

    return handlers
      .handle("acceptPage", ({ path, request }) =>
        Effect.gen(function*() {
          const offer = yield* open(path.id, Redacted.make(path.key))
          if (offer.grant.status !== "pending") return settled(offer)
          // No button that cannot work: an archived badge is no longer awarded.
          if (!offer.definition.active) return AcceptPages.refusedAward(offer, "inactive")
          const token = yield* Csrf.tokenFor(request)
          return Csrf.withCookie(AcceptPages.offer(offer, token), token, { root, secure })
        }).pipe(asPage))
      .handle("accept", ({ path, payload, request }) =>
        Effect.gen(function*() {
          const offerPath = `${root}${acceptPrefix}/${encodeURIComponent(path.id)}/${encodeURIComponent(path.key)}`
          if (!Csrf.checks(request, payload.csrf)) return ErrorPages.refused(offerPath)
          const key = Redacted.make(path.key)
          const offer = yield* open(path.id, key)
          if (offer.grant.status !== "pending") return settled(offer)
          return yield* grants.accept(offer.grant.id, key).pipe(
            Effect.map(({ award, grant }) => AcceptPages.accepted({ ...offer, grant }, award.id)),
            Effect.catchTags({
              // Another request settled the grant first, or the award it would make is refused.
              Conflict: (conflict) =>
                conflict.entity === "grant"
                  ? Effect.map(open(path.id, key), settled)
                  : Effect.succeed(AcceptPages.refusedAward(offer, "held")),
              AwardLimitReached: () => Effect.succeed(AcceptPages.refusedAward(offer, "limit")),
              DefinitionInactive: () => Effect.succeed(AcceptPages.refusedAward(offer, "inactive"))
            })
          )
        }).pipe(asPage))
      .handle("claimPage", ({ path, request }) => claims.claimPage(path.code, request).pipe(asPage))
      .handle("claim", ({ path, payload, request }) => claims.claim(path.code, request, payload).pipe(asPage))
      .handle("badgePage", ({ path }) =>
        Effect.gen(function*() {
          const published = yield* publicBadges.award(path.awardId)
          return awardPage(published, urls, (yield* salts)(published.award.id))
        }).pipe(asPage))
  }))
