/**
 * Rows to entities and back. Rows come from our own tables, so they are mapped, not validated again.
 */
import {
  Activity,
  Award,
  BadgeDefinition,
  Evidence,
  Issuer,
  Organisation,
  Program,
  Recipient
} from "@badge-engine/core"
import type {
  ActivityId,
  AwardId,
  BadgeDefinitionId,
  ClaimCodeId,
  CriteriaItem,
  DefinitionRecord,
  GrantId,
  IssuerId,
  NewAward,
  OrganisationId,
  ProgramId,
  Rule,
  TimeUnits
} from "@badge-engine/core"
import {
  fromFlag,
  fromInt,
  fromIntOrNull,
  fromJson,
  fromJsonOrNull,
  fromTextOrNull,
  fromTimestamp,
  fromTimestampOrNull,
  orNull,
  toFlag,
  toJson,
  toJsonOrNull,
  toTimestamp,
  toTimestampOrNull
} from "./codecs.js"

/** A row as the driver returns it. */
export type Row = Record<string, unknown>

/** Rows come from our own tables: made into entities without validating them again. */
export const trusted = { disableValidation: true } as const

export const toOrganisation = (row: Row): Organisation =>
  new Organisation({
    id: row.id as OrganisationId,
    slug: row.slug as string,
    name: row.name as string,
    url: fromTextOrNull(row.url),
    email: fromTextOrNull(row.email),
    imageUrl: fromTextOrNull(row.image_url),
    timezone: row.timezone as string,
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at)
  }, trusted)

export const organisationRow = (o: Organisation) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  url: orNull(o.url),
  email: orNull(o.email),
  image_url: orNull(o.imageUrl),
  timezone: o.timezone,
  created_at: toTimestamp(o.createdAt),
  updated_at: toTimestamp(o.updatedAt)
})

const profile = (row: Row) => ({
  slug: row.slug as string,
  name: row.name as string,
  url: fromTextOrNull(row.url),
  email: fromTextOrNull(row.email),
  description: fromTextOrNull(row.description),
  imageUrl: fromTextOrNull(row.image_url),
  createdAt: fromTimestamp(row.created_at),
  updatedAt: fromTimestamp(row.updated_at)
})

export const toIssuer = (row: Row): Issuer =>
  new Issuer(
    { id: row.id as IssuerId, organisationId: row.organisation_id as OrganisationId, ...profile(row) },
    trusted
  )

export const toProgram = (row: Row): Program =>
  new Program({
    id: row.id as ProgramId,
    organisationId: row.organisation_id as OrganisationId,
    issuerId: row.issuer_id as IssuerId,
    ...profile(row)
  }, trusted)

export const profileRow = (p: Issuer | Program) => ({
  id: p.id,
  organisation_id: p.organisationId,
  slug: p.slug,
  name: p.name,
  url: orNull(p.url),
  email: orNull(p.email),
  description: orNull(p.description),
  image_url: orNull(p.imageUrl),
  created_at: toTimestamp(p.createdAt),
  updated_at: toTimestamp(p.updatedAt)
})

export const toDefinition = (row: Row): BadgeDefinition =>
  new BadgeDefinition({
    id: row.id as BadgeDefinitionId,
    serial: fromInt(row.serial),
    organisationId: row.organisation_id as OrganisationId,
    issuerId: fromTextOrNull<IssuerId>(row.issuer_id),
    programId: fromTextOrNull<ProgramId>(row.program_id),
    slug: row.slug as string,
    name: row.name as string,
    description: row.description as string,
    strapline: fromTextOrNull(row.strapline),
    consumerDescription: fromTextOrNull(row.consumer_description),
    imageUrl: fromTextOrNull(row.image_url),
    lockedImageUrl: fromTextOrNull(row.locked_image_url),
    imageAltText: fromTextOrNull(row.image_alt_text),
    rule: fromJsonOrNull<Rule>(row.rule),
    ruleVersion: fromInt(row.rule_version),
    criteria: fromJson<ReadonlyArray<CriteriaItem>>(row.criteria),
    criteriaUrl: fromTextOrNull(row.criteria_url),
    criteriaNarrative: fromTextOrNull(row.criteria_narrative),
    category: fromTextOrNull(row.category),
    categories: fromJson<ReadonlyArray<string>>(row.categories),
    tags: fromJson<ReadonlyArray<string>>(row.tags),
    milestones: fromJson<ReadonlyArray<BadgeDefinitionId>>(row.milestones),
    achievementType: fromTextOrNull(row.achievement_type),
    badgeType: fromTextOrNull(row.badge_type),
    isCertificate: fromFlag(row.is_certificate),
    issuerUrl: fromTextOrNull(row.issuer_url),
    rubricUrl: fromTextOrNull(row.rubric_url),
    infoUri: fromTextOrNull(row.info_uri),
    timeValue: fromIntOrNull(row.time_value),
    timeUnits: fromTextOrNull<TimeUnits>(row.time_units),
    maxAwards: fromIntOrNull(row.max_awards),
    unique: fromFlag(row.is_unique),
    validityDays: fromIntOrNull(row.validity_days),
    archivedAt: fromTimestampOrNull(row.archived_at),
    archivalNote: fromTextOrNull(row.archival_note),
    deletedAt: fromTimestampOrNull(row.deleted_at),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at)
  }, trusted)

/** The columns a definition's caller-set fields map to (everything but ids, counters and timestamps). */
export const definitionFieldsRow = (d: Omit<DefinitionRecord, "id" | "organisationId" | "createdAt">) => ({
  issuer_id: orNull(d.issuerId),
  program_id: orNull(d.programId),
  slug: d.slug,
  name: d.name,
  description: d.description,
  strapline: orNull(d.strapline),
  consumer_description: orNull(d.consumerDescription),
  image_url: orNull(d.imageUrl),
  locked_image_url: orNull(d.lockedImageUrl),
  image_alt_text: orNull(d.imageAltText),
  rule: toJsonOrNull(d.rule),
  criteria: toJson(d.criteria),
  criteria_url: orNull(d.criteriaUrl),
  criteria_narrative: orNull(d.criteriaNarrative),
  category: orNull(d.category),
  categories: toJson(d.categories),
  tags: toJson(d.tags),
  milestones: toJson(d.milestones),
  achievement_type: orNull(d.achievementType),
  badge_type: orNull(d.badgeType),
  is_certificate: toFlag(d.isCertificate),
  issuer_url: orNull(d.issuerUrl),
  rubric_url: orNull(d.rubricUrl),
  info_uri: orNull(d.infoUri),
  time_value: orNull(d.timeValue),
  time_units: orNull(d.timeUnits),
  max_awards: orNull(d.maxAwards),
  is_unique: toFlag(d.unique),
  validity_days: orNull(d.validityDays),
  archived_at: toTimestampOrNull(d.archivedAt),
  archival_note: orNull(d.archivalNote),
  deleted_at: toTimestampOrNull(d.deletedAt),
  updated_at: toTimestamp(d.updatedAt)
})

export const toActivity = (row: Row): Activity =>
  new Activity({
    id: row.id as ActivityId,
    organisationId: row.organisation_id as OrganisationId,
    recipientId: row.recipient_id as string,
    type: row.type as string,
    occurredAt: fromTimestamp(row.occurred_at),
    idempotencyKey: fromTextOrNull(row.idempotency_key),
    attributes: fromJsonOrNull<Record<string, unknown>>(row.attributes),
    recordedAt: fromTimestamp(row.recorded_at)
  }, trusted)

export const activityRow = (a: Activity) => ({
  id: a.id,
  organisation_id: a.organisationId,
  recipient_id: a.recipientId,
  type: a.type,
  occurred_at: toTimestamp(a.occurredAt),
  idempotency_key: orNull(a.idempotencyKey),
  attributes: toJsonOrNull(a.attributes),
  recorded_at: toTimestamp(a.recordedAt)
})

export const toAward = (row: Row): Award =>
  new Award({
    id: row.id as AwardId,
    serial: fromInt(row.serial),
    organisationId: row.organisation_id as OrganisationId,
    definitionId: row.definition_id as BadgeDefinitionId,
    recipient: new Recipient({
      kind: row.recipient_kind as Recipient["kind"],
      value: row.recipient_value as string,
      name: fromTextOrNull(row.recipient_name)
    }, trusted),
    awardedAt: fromTimestamp(row.awarded_at),
    awardedBy: row.awarded_by as string,
    source: row.source as Award["source"],
    evidence: fromJson<ReadonlyArray<Evidence>>(row.evidence).map((e) => new Evidence(e, trusted)),
    narrative: fromTextOrNull(row.narrative),
    expiresAt: fromTimestampOrNull(row.expires_at),
    revokedAt: fromTimestampOrNull(row.revoked_at),
    revocationReason: fromTextOrNull(row.revocation_reason),
    ruleVersion: fromIntOrNull(row.rule_version),
    activityId: fromTextOrNull<ActivityId>(row.activity_id),
    grantId: fromTextOrNull<GrantId>(row.grant_id),
    claimCodeId: fromTextOrNull<ClaimCodeId>(row.claim_code_id)
  }, trusted)

export const awardRow = (a: NewAward, uniqueSlot: string | null, onceKey: string | undefined) => ({
  id: a.id,
  organisation_id: a.organisationId,
  definition_id: a.definitionId,
  recipient_kind: a.recipient.kind,
  recipient_value: a.recipient.value,
  recipient_key: a.recipient.key,
  recipient_name: orNull(a.recipient.name),
  awarded_at: toTimestamp(a.awardedAt),
  awarded_by: a.awardedBy,
  source: a.source,
  evidence: toJson(a.evidence),
  narrative: orNull(a.narrative),
  expires_at: toTimestampOrNull(a.expiresAt),
  rule_version: orNull(a.ruleVersion),
  activity_id: orNull(a.activityId),
  grant_id: orNull(a.grantId),
  claim_code_id: orNull(a.claimCodeId),
  unique_slot: uniqueSlot,
  once_key: orNull(onceKey)
})
