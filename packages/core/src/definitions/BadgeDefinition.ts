/**
 * A badge definition: what can be earned, how, and by whom it is issued.
 * One model for v1's badge definition, BadgeKit's badge, Badgr's BadgeClass and BadgeFed's badge.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import transliterate from "slugify"
import { Rule } from "../criteria/Rule.js"
import { Count, Description, HttpUrl, Label, Name, PositiveCount, Slug, Strapline, Text } from "../Fields.js"
import { BadgeDefinitionId, IssuerId, OrganisationId, ProgramId } from "../Ids.js"

/** A human-readable criterion (BadgeKit's criteria items). */
export class CriteriaItem extends Schema.Class<CriteriaItem>("CriteriaItem")({
  description: Text.pipe(Schema.minLength(1), Schema.maxLength(2000)),
  required: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  note: Schema.optional(Text.pipe(Schema.maxLength(2000)))
}) {}

/** BadgeKit's time units for the time a badge takes to earn. */
export const TimeUnits = Schema.Literal("minutes", "hours", "days", "weeks")
/** @since 0.1.0 */
export type TimeUnits = typeof TimeUnits.Type

/**
 * Where a definition's slug is unique: among its organisation's live definitions (every contract's default), or
 * among the whole server's (BadgeKit's badges, whose clients name a badge by its slug alone).
 */
export const SlugScope = Schema.Literal("organisation", "server")
/** @since 0.1.0 */
export type SlugScope = typeof SlugScope.Type

/**
 * Why the definition's rule could not be evaluated (a plugin that fails, parameters stored before they were bounded):
 * the rule is skipped, and the problem is kept on the definition until the rule evaluates again or changes.
 */
export const RuleProblem = Schema.Struct({
  message: Schema.String,
  since: Schema.DateTimeUtcFromSelf
})
/** @since 0.1.0 */
export type RuleProblem = typeof RuleProblem.Type

/** The fields a caller sets on a definition, with their limits. */
export const definitionFields = {
  issuerId: Schema.optional(IssuerId),
  programId: Schema.optional(ProgramId),
  name: Name,
  description: Description,
  strapline: Schema.optional(Strapline),
  consumerDescription: Schema.optional(Description),
  imageUrl: Schema.optional(HttpUrl),
  lockedImageUrl: Schema.optional(HttpUrl),
  imageAltText: Schema.optional(Text.pipe(Schema.maxLength(1024))),
  rule: Schema.optional(Rule),
  criteria: Schema.Array(CriteriaItem),
  criteriaUrl: Schema.optional(HttpUrl),
  criteriaNarrative: Schema.optional(Description),
  category: Schema.optional(Label),
  categories: Schema.Array(Label),
  tags: Schema.Array(Label),
  milestones: Schema.Array(BadgeDefinitionId),
  achievementType: Schema.optional(Label),
  badgeType: Schema.optional(Label),
  isCertificate: Schema.Boolean,
  issuerUrl: Schema.optional(HttpUrl),
  rubricUrl: Schema.optional(HttpUrl),
  infoUri: Schema.optional(HttpUrl),
  timeValue: Schema.optional(Count),
  timeUnits: Schema.optional(TimeUnits),
  maxAwards: Schema.optional(PositiveCount),
  unique: Schema.Boolean,
  validityDays: Schema.optional(PositiveCount)
} as const

/** A badge definition. `active` is false once it is archived or deleted; its awards are kept either way. */
export class BadgeDefinition extends Schema.Class<BadgeDefinition>("BadgeDefinition")({
  id: BadgeDefinitionId,
  serial: Schema.Int,
  organisationId: OrganisationId,
  slug: Slug,
  slugScope: Schema.optionalWith(SlugScope, { default: () => "organisation" }),
  ...definitionFields,
  ruleVersion: PositiveCount,
  ruleProblem: Schema.optional(RuleProblem),
  archivedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  archivalNote: Schema.optional(Text.pipe(Schema.maxLength(2000))),
  deletedAt: Schema.optional(Schema.DateTimeUtcFromSelf),
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {
  /** Whether the definition can be earned now: neither archived nor deleted. */
  get active(): boolean {
    return this.archivedAt === undefined && this.deletedAt === undefined
  }
}

/** What a caller gives to create a definition; lists default to empty, `unique` to true. */
export const NewBadgeDefinition = Schema.Struct({
  ...definitionFields,
  organisationId: OrganisationId,
  slug: Schema.optional(Slug),
  slugScope: Schema.optionalWith(SlugScope, { default: () => "organisation" }),
  description: Schema.optionalWith(Description, { default: () => "" }),
  criteria: Schema.optionalWith(Schema.Array(CriteriaItem), { default: () => [] }),
  categories: Schema.optionalWith(Schema.Array(Label), { default: () => [] }),
  tags: Schema.optionalWith(Schema.Array(Label), { default: () => [] }),
  milestones: Schema.optionalWith(Schema.Array(BadgeDefinitionId), { default: () => [] }),
  isCertificate: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  unique: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  active: Schema.optionalWith(Schema.Boolean, { default: () => true })
})
/** @since 0.1.0 */
export type NewBadgeDefinition = typeof NewBadgeDefinition.Type

const nullable = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * A partial update: an absent field stays as it is, `null` clears an optional field.
 * `active: false` archives the definition, `active: true` reactivates it.
 */
export const BadgeDefinitionPatch = Schema.Struct({
  slug: Schema.optional(Slug),
  issuerId: nullable(IssuerId),
  programId: nullable(ProgramId),
  name: Schema.optional(Name),
  description: Schema.optional(Description),
  strapline: nullable(Strapline),
  consumerDescription: nullable(Description),
  imageUrl: nullable(HttpUrl),
  lockedImageUrl: nullable(HttpUrl),
  imageAltText: nullable(Text.pipe(Schema.maxLength(1024))),
  rule: nullable(Rule),
  criteria: Schema.optional(Schema.Array(CriteriaItem)),
  criteriaUrl: nullable(HttpUrl),
  criteriaNarrative: nullable(Description),
  category: nullable(Label),
  categories: Schema.optional(Schema.Array(Label)),
  tags: Schema.optional(Schema.Array(Label)),
  milestones: Schema.optional(Schema.Array(BadgeDefinitionId)),
  achievementType: nullable(Label),
  badgeType: nullable(Label),
  isCertificate: Schema.optional(Schema.Boolean),
  issuerUrl: nullable(HttpUrl),
  rubricUrl: nullable(HttpUrl),
  infoUri: nullable(HttpUrl),
  timeValue: nullable(Count),
  timeUnits: nullable(TimeUnits),
  maxAwards: nullable(PositiveCount),
  unique: Schema.optional(Schema.Boolean),
  validityDays: nullable(PositiveCount),
  active: Schema.optional(Schema.Boolean),
  archivalNote: nullable(Text.pipe(Schema.maxLength(2000)))
})
/** @since 0.1.0 */
export type BadgeDefinitionPatch = typeof BadgeDefinitionPatch.Type

/** Which definitions a listing returns. */
export interface DefinitionFilter {
  readonly organisationId?: OrganisationId | undefined
  /** `true`: active only; `false`: archived only; absent: both. Deleted definitions are never listed. */
  readonly active?: boolean | undefined
  readonly category?: string | undefined
  readonly issuerId?: IssuerId | undefined
  readonly programId?: ProgramId | undefined
}

/**
 * A slug made from a name: lowercase ASCII letters and digits joined by single dashes, at most 50 long. Letters are
 * transliterated first (`Første økt` → `forste-okt`, `Ærlig talt` → `aerlig-talt`, `Straße` → `strasse`).
 */
export const slugify = (name: string): string =>
  transliterate(name, { lower: true })
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 50)
    .replace(/^-+|-+$/g, "")
