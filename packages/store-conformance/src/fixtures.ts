/**
 * Builders for the records the contract suite stores. Each test makes its own organisation,
 * so tests never see each other's data even when they share one database.
 *
 * @since 0.1.0
 */
import {
  Activity,
  type ActivityId,
  type AwardId,
  AwardStore,
  type BadgeDefinition,
  type BadgeDefinitionId,
  DefinitionStore,
  Issuer,
  type IssuerId,
  makeDefinitionRecord,
  type NewAward,
  NewBadgeDefinition,
  Organisation,
  type OrganisationId,
  Recipient,
  TenancyStore
} from "@badge-engine/core"
import { DateTime, Effect, Schema } from "effect"

let counter = 0
/** A unique id for this process: tests in parallel never collide. */
export const uniqueId = (prefix: string): string =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** A fixed instant tests count from. */
export const t0 = DateTime.unsafeMake("2026-03-01T10:00:00.000Z")

/** `t0` plus some hours. */
export const hoursAfter = (hours: number): DateTime.Utc => DateTime.add(t0, { hours })

/** Stores a new organisation. */
export const organisation = (overrides: Partial<ConstructorParameters<typeof Organisation>[0]> = {}) =>
  Effect.gen(function*() {
    const tenancy = yield* TenancyStore
    const id = uniqueId("org") as OrganisationId
    return yield* tenancy.createOrganisation(
      new Organisation({
        id,
        slug: id.toLowerCase(),
        name: `Organisation ${id}`,
        timezone: "UTC",
        createdAt: t0,
        updatedAt: t0,
        ...overrides
      })
    )
  })

/** A new issuer of an organisation, not yet stored. */
export const newIssuer = (organisationId: OrganisationId, slug: string, name = "Issuer") =>
  new Issuer({ id: uniqueId("iss") as IssuerId, organisationId, slug, name, createdAt: t0, updatedAt: t0 })

/** Stores a new definition in an organisation, from the fields a caller would give. */
export const definition = (
  organisationId: OrganisationId,
  fields: Partial<Schema.Schema.Encoded<typeof NewBadgeDefinition>> = {}
) =>
  Effect.gen(function*() {
    const definitions = yield* DefinitionStore
    const input = Schema.decodeUnknownSync(NewBadgeDefinition)({ name: "First Session", ...fields, organisationId })
    return yield* definitions.create(
      makeDefinitionRecord(input, uniqueId("bdg") as BadgeDefinitionId, t0)
    )
  })

/** A new award of a definition to a recipient id, not yet stored. */
export const newAward = (
  definition: BadgeDefinition,
  recipientId: string,
  overrides: Partial<NewAward> = {}
): NewAward => ({
  id: uniqueId("award") as AwardId,
  organisationId: definition.organisationId,
  definitionId: definition.id,
  recipient: Recipient.byId(recipientId),
  awardedAt: t0,
  awardedBy: "system",
  source: "manual",
  evidence: [],
  ...overrides
})

/** Stores an award with the definition's own constraints. */
export const award = (definition: BadgeDefinition, recipientId: string, overrides: Partial<NewAward> = {}) =>
  Effect.flatMap(AwardStore, (awards) => awards.insert(newAward(definition, recipientId, overrides), {}))

/** A new activity, not yet stored. */
export const activity = (
  organisationId: OrganisationId,
  recipientId: string,
  type: string,
  occurredAt: DateTime.Utc = t0,
  idempotencyKey?: string
): Activity =>
  new Activity({
    id: uniqueId("act") as ActivityId,
    organisationId,
    recipientId,
    type,
    occurredAt,
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    recordedAt: occurredAt
  })
