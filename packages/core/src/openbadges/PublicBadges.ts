/**
 * What Open Badges publishes, read for anyone: an award with its definition and issuer (the hosted assertion), a
 * definition with its issuer (the BadgeClass), and an issuer's profile. No role is needed: a hosted badge is read by
 * whoever the recipient shows it to, and by verifiers. Ids are the records' own (awards' are random).
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option } from "effect"
import type { Award } from "../awards/Award.js"
import { AwardStore } from "../awards/AwardStore.js"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import { NotFound, orNotFound, type StoreError } from "../Errors.js"
import type { AwardId, BadgeDefinitionId, IssuerId, OrganisationId } from "../Ids.js"
import type { Organisation } from "../tenancy/Organisation.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import * as IssuerProfile from "./IssuerProfile.js"

/** Whether an award still holds: revoked wins over expired. */
export type AwardStatus = "live" | "revoked" | "expired"

/** A definition with who issues it. */
export interface PublishedBadge {
  readonly definition: BadgeDefinition
  readonly issuer: IssuerProfile.IssuerProfile
  /** The definition's organisation: its time zone tells the days on pages. */
  readonly organisation: Organisation
}

/** An award with its badge, and whether it holds now. */
export interface PublishedAward extends PublishedBadge {
  readonly award: Award
  readonly status: AwardStatus
}

/** The public Open Badges records. */
export class PublicBadges extends Context.Tag("@badge-engine/core/PublicBadges")<PublicBadges, {
  /** An award as its hosted assertion shows it. */
  readonly award: (id: string) => Effect.Effect<PublishedAward, NotFound | StoreError>
  /** A definition as its BadgeClass shows it, deleted ones too (their awards still point at them). */
  readonly badge: (id: string) => Effect.Effect<PublishedBadge, NotFound | StoreError>
  /** An issuer's profile by the issuer's id, else an organisation's by the organisation's id. */
  readonly issuer: (id: string) => Effect.Effect<IssuerProfile.IssuerProfile, NotFound | StoreError>
}>() {}

/**
 * Whether a string can be a record's id: 1 to 100 characters, none of them a control character (Postgres text
 * cannot hold a NUL). Anything else names no record, and is not asked of the store.
 */
const canBeId = (id: string): boolean =>
  id.length >= 1 && id.length <= 100 && [...id].every((char) => char >= " " && char !== "\u007f")

/** Fails `NotFound` for a string no record's id can be. */
const checkId = (entity: string, id: string) => canBeId(id) ? Effect.void : Effect.fail(new NotFound({ entity, id }))

/** The status of an award at `now`. */
export const statusAt = (award: Award, now: DateTime.Utc): AwardStatus =>
  award.revokedAt !== undefined ? "revoked" : award.isLiveAt(now) ? "live" : "expired"

/** Builds the service from the ports in context. */
export const make = Effect.gen(function*() {
  const awards = yield* AwardStore
  const definitions = yield* DefinitionStore
  const tenancy = yield* TenancyStore

  const organisationOf = (id: OrganisationId) => tenancy.getOrganisation(id).pipe(orNotFound("organisation", id))

  const published = (definition: BadgeDefinition) =>
    Effect.gen(function*() {
      const organisation = yield* organisationOf(definition.organisationId)
      const issuer = definition.issuerId === undefined
        ? Option.none()
        : yield* tenancy.getIssuer(definition.issuerId)
      return {
        definition,
        organisation,
        issuer: Option.match(issuer, {
          onNone: () => IssuerProfile.ofOrganisation(organisation),
          onSome: IssuerProfile.ofIssuer
        })
      } satisfies PublishedBadge
    })

  const badge = Effect.fn("PublicBadges.badge")(function*(id: string) {
    yield* checkId("badge definition", id)
    const definition = yield* definitions.get(id as BadgeDefinitionId).pipe(orNotFound("badge definition", id))
    return yield* published(definition)
  })

  const award = Effect.fn("PublicBadges.award")(function*(id: string) {
    yield* checkId("award", id)
    const found = yield* awards.get(id as AwardId).pipe(orNotFound("award", id))
    const definition = yield* definitions.get(found.definitionId).pipe(
      orNotFound("badge definition", found.definitionId)
    )
    return { ...(yield* published(definition)), award: found, status: statusAt(found, yield* DateTime.now) }
  })

  const issuer = Effect.fn("PublicBadges.issuer")(function*(id: string) {
    yield* checkId("issuer", id)
    const asIssuer = yield* tenancy.getIssuer(id as IssuerId)
    if (Option.isSome(asIssuer)) return IssuerProfile.ofIssuer(asIssuer.value)
    const asOrganisation = yield* tenancy.getOrganisation(id as OrganisationId)
    if (Option.isSome(asOrganisation)) return IssuerProfile.ofOrganisation(asOrganisation.value)
    return yield* new NotFound({ entity: "issuer", id })
  })

  return PublicBadges.of({ award, badge, issuer })
})

/** The service over the stores in context. */
export const layer: Layer.Layer<PublicBadges, never, AwardStore | DefinitionStore | TenancyStore> = Layer.effect(
  PublicBadges,
  make
)
