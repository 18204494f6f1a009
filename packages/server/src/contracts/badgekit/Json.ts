/**
 * The engine's records as BadgeKit writes them: a system (organisation), issuer, program and badge (definition),
 * with integer ids, `null` for what is not set, and `created` as ISO-8601 with milliseconds.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition, Issuer, Organisation, Program } from "@badge-engine/core"
import { DateTime } from "effect"
import { createHash } from "node:crypto"

/**
 * An integer id for a record whose key is a string: stable (the id never changes), in 1..2^31-1. Not a database key;
 * two records could share one (about 1 in 2^31 a pair), which no client relies on, since BadgeKit names by slug.
 */
export const integerId = (id: string): number =>
  (createHash("sha256").update(id).digest().readUInt32BE(0) % 0x7fffffff) + 1

const orNull = <A>(value: A | undefined): A | null => value ?? null

/** A program, as nested under its issuer or shown on a badge. */
export const programJson = (program: Program) => ({
  id: integerId(program.id),
  slug: program.slug,
  url: orNull(program.url),
  name: program.name,
  description: orNull(program.description),
  email: orNull(program.email),
  imageUrl: orNull(program.imageUrl)
})

/** An issuer with its programs. */
export const issuerJson = (issuer: Issuer, programs: ReadonlyArray<Program> = []) => ({
  id: integerId(issuer.id),
  slug: issuer.slug,
  url: orNull(issuer.url),
  name: issuer.name,
  description: orNull(issuer.description),
  email: orNull(issuer.email),
  imageUrl: orNull(issuer.imageUrl),
  programs: programs.map(programJson)
})

/** A system (an organisation) with its issuers, each with its programs. */
export const systemJson = (
  organisation: Organisation,
  issuers: ReadonlyArray<{ readonly issuer: Issuer; readonly programs: ReadonlyArray<Program> }> = []
) => ({
  id: integerId(organisation.id),
  slug: organisation.slug,
  url: orNull(organisation.url),
  name: organisation.name,
  email: orNull(organisation.email),
  imageUrl: orNull(organisation.imageUrl),
  issuers: issuers.map(({ issuer, programs }) => issuerJson(issuer, programs))
})

/** A BadgeKit milestone: the badges whose earning awards this one. */
export interface MilestoneJson {
  readonly id: number
  readonly primaryBadge: string
  readonly numberRequired: number
  readonly supportBadges: ReadonlyArray<string>
}

/** Where a badge sits: its system, and its issuer and program when it has them. */
export interface Owners {
  readonly system: Organisation
  readonly issuer?: Issuer | undefined
  readonly program?: Program | undefined
}

/** A badge. */
export const badgeJson = (definition: BadgeDefinition, owners: Owners, milestones: ReadonlyArray<MilestoneJson>) => ({
  id: definition.serial,
  slug: definition.slug,
  name: definition.name,
  strapline: orNull(definition.strapline),
  earnerDescription: definition.description,
  consumerDescription: orNull(definition.consumerDescription),
  issuerUrl: orNull(definition.issuerUrl),
  rubricUrl: orNull(definition.rubricUrl),
  timeValue: orNull(definition.timeValue),
  timeUnits: orNull(definition.timeUnits),
  limit: orNull(definition.maxAwards),
  unique: definition.unique,
  created: DateTime.formatIso(definition.createdAt),
  imageUrl: orNull(definition.imageUrl),
  type: orNull(definition.badgeType),
  archived: definition.archivedAt !== undefined,
  system: systemJson(owners.system),
  ...(owners.issuer === undefined ? {} : { issuer: issuerJson(owners.issuer) }),
  ...(owners.program === undefined ? {} : { program: programJson(owners.program) }),
  criteriaUrl: orNull(definition.criteriaUrl),
  criteria: definition.criteria.map((item, index) => ({
    id: index + 1,
    description: item.description,
    required: item.required,
    note: orNull(item.note)
  })),
  categories: definition.categories,
  tags: definition.tags,
  milestones
})
