/**
 * Badgr's BadgeClass on the wire: what a client sends and what it reads, and the mapping to and from the engine's
 * badge definition. `expires {amount, duration}` is kept as the definition's `validityDays` (a day 1, a week 7, a
 * month 30, a year 365 days) and read back in days.
 *
 * @since 0.1.0
 */
import { type BadgeDefinition, Description, HttpUrl, Label, Name } from "@badge-engine/core"
import { Schema } from "effect"
import { badgePath, issuerPath } from "../../openbadges/v2/Paths.js"
import type { PublicUrl } from "../../PublicUrl.js"
import { iso } from "./Json.js"

/** How long an award of a BadgeClass stays valid. */
export const Expires = Schema.Struct({
  amount: Schema.Int.pipe(Schema.between(1, 36500)),
  duration: Schema.Literal("days", "weeks", "months", "years")
}).annotations({ identifier: "BadgrExpires" })

const daysPer: Record<typeof Expires.Type["duration"], number> = { days: 1, weeks: 7, months: 30, years: 365 }

/** The validity in days of an `expires`: days 1, weeks 7, months 30, years 365. */
export const validityDaysOf = (expires: typeof Expires.Type): number => expires.amount * daysPer[expires.duration]

const fields = {
  name: Name,
  description: Description,
  image: Schema.String,
  achievementType: Schema.optional(Label),
  criteriaUrl: Schema.optional(HttpUrl),
  criteriaNarrative: Schema.optional(Description),
  tags: Schema.optional(Schema.Array(Label)),
  imageAltText: Schema.optional(Schema.String.pipe(Schema.maxLength(1024))),
  expires: Schema.optional(Expires)
}

/** What a client sends to `POST /v2/badgeclasses`: the issuer is required. */
export const BadgeClassInput = Schema.Struct({ issuer: Schema.String, ...fields }).annotations({
  identifier: "BadgrBadgeClassInput"
})

/** What a client sends under an issuer, or to update: the issuer, if given, must be the path's (and is kept). */
export const BadgeClassUpdate = Schema.Struct({ issuer: Schema.optional(Schema.String), ...fields }).annotations({
  identifier: "BadgrBadgeClassUpdate"
})

/** The fields a BadgeClass sets on its definition, absent ones cleared (Badgr's PUT replaces). */
export const definitionFieldsOf = (input: typeof BadgeClassUpdate.Type, imageUrl: string | undefined) => ({
  name: input.name,
  description: input.description,
  imageUrl: imageUrl ?? null,
  achievementType: input.achievementType ?? null,
  criteriaUrl: input.criteriaUrl ?? null,
  criteriaNarrative: input.criteriaNarrative ?? null,
  tags: input.tags ?? [],
  imageAltText: input.imageAltText ?? null,
  validityDays: input.expires === undefined ? null : validityDaysOf(input.expires)
})

/** A BadgeClass as Badgr prints it. */
export const BadgeClassJson = Schema.Struct({
  entityType: Schema.Literal("BadgeClass"),
  entityId: Schema.String,
  openBadgeId: Schema.String,
  createdAt: Schema.String,
  createdBy: Schema.NullOr(Schema.String),
  issuer: Schema.NullOr(Schema.String),
  issuerOpenBadgeId: Schema.NullOr(Schema.String),
  name: Schema.String,
  image: Schema.NullOr(Schema.String),
  description: Schema.String,
  achievementType: Schema.NullOr(Schema.String),
  criteriaUrl: Schema.NullOr(Schema.String),
  criteriaNarrative: Schema.NullOr(Schema.String),
  alignments: Schema.Array(Schema.Unknown),
  tags: Schema.Array(Schema.String),
  imageAltText: Schema.NullOr(Schema.String),
  expires: Schema.NullOr(Expires),
  extensions: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  archived: Schema.Boolean,
  archivalNote: Schema.NullOr(Schema.String)
}).annotations({ identifier: "BadgrBadgeClass" })

/** The openBadgeId of a definition on this server. */
export const openBadgeIdOf = (id: string, urls: PublicUrl["Type"]): string => urls.to(badgePath(id))

/** A definition as Badgr prints a BadgeClass. */
export const badgeClassJson = (
  definition: BadgeDefinition,
  urls: PublicUrl["Type"]
): typeof BadgeClassJson.Type => ({
  entityType: "BadgeClass",
  entityId: definition.id,
  openBadgeId: openBadgeIdOf(definition.id, urls),
  createdAt: iso(definition.createdAt),
  createdBy: null,
  issuer: definition.issuerId ?? null,
  issuerOpenBadgeId: definition.issuerId === undefined ? null : urls.to(issuerPath(definition.issuerId)),
  name: definition.name,
  image: definition.imageUrl ?? null,
  description: definition.description,
  achievementType: definition.achievementType ?? null,
  criteriaUrl: definition.criteriaUrl ?? null,
  criteriaNarrative: definition.criteriaNarrative ?? null,
  alignments: [],
  tags: definition.tags,
  imageAltText: definition.imageAltText ?? null,
  expires: definition.validityDays === undefined ? null : { amount: definition.validityDays, duration: "days" },
  extensions: {},
  archived: definition.archivedAt !== undefined,
  archivalNote: definition.archivalNote ?? null
})
