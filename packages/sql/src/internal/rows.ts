/**
 * Rows to entities and back. Rows come from our own tables, so they are mapped, not validated again.
 */
import {
  Activity,
  ApiKey,
  Award,
  BadgeDefinition,
  ClaimCode,
  Evidence,
  Grant,
  Issuer,
  Organisation,
  Program,
  Recipient
} from "@badge-engine/core"
import type {
  ActivityId,
  ApiKeyId,
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
  Role,
  Rule,
  TimeUnits
} from "@badge-engine/core"
import { Redacted } from "effect"
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

const trusted = { disableValidation: true } as const

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

export const toGrant = (row: Row): Grant =>
  new Grant({
    id: row.id as GrantId,
    organisationId: row.organisation_id as OrganisationId,
    definitionId: row.definition_id as BadgeDefinitionId,
    profileUri: fromTextOrNull(row.profile_uri),
    email: fromTextOrNull(row.email),
    name: fromTextOrNull(row.name),
    evidence: fromTextOrNull(row.evidence),
    status: row.status as Grant["status"],
    acceptKey: Redacted.make(row.accept_key as string),
    awardId: fromTextOrNull<AwardId>(row.award_id),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at)
  }, trusted)

export const grantRow = (g: Grant) => ({
  id: g.id,
  organisation_id: g.organisationId,
  definition_id: g.definitionId,
  recipient_key: g.recipientKey,
  profile_uri: orNull(g.profileUri),
  email: orNull(g.email),
  name: orNull(g.name),
  evidence: orNull(g.evidence),
  status: g.status,
  accept_key: Redacted.value(g.acceptKey),
  award_id: orNull(g.awardId),
  created_at: toTimestamp(g.createdAt),
  updated_at: toTimestamp(g.updatedAt)
})

export const toClaimCode = (row: Row): ClaimCode =>
  new ClaimCode({
    id: row.id as ClaimCodeId,
    organisationId: row.organisation_id as OrganisationId,
    definitionId: row.definition_id as BadgeDefinitionId,
    codeHash: row.code_hash as string,
    label: fromTextOrNull(row.label),
    limit: fromIntOrNull(row.use_limit),
    uses: fromInt(row.uses),
    expiresAt: fromTimestampOrNull(row.expires_at),
    enabled: fromFlag(row.enabled),
    archivedAt: fromTimestampOrNull(row.archived_at),
    createdAt: fromTimestamp(row.created_at)
  }, trusted)

export const claimCodeRow = (c: ClaimCode) => ({
  id: c.id,
  organisation_id: c.organisationId,
  definition_id: c.definitionId,
  code_hash: c.codeHash,
  label: orNull(c.label),
  use_limit: orNull(c.limit),
  uses: c.uses,
  expires_at: toTimestampOrNull(c.expiresAt),
  enabled: toFlag(c.enabled),
  archived_at: toTimestampOrNull(c.archivedAt),
  created_at: toTimestamp(c.createdAt)
})

export const toApiKey = (row: Row): ApiKey =>
  new ApiKey({
    id: row.id as ApiKeyId,
    name: fromTextOrNull(row.name),
    role: row.role as Role,
    organisationId: fromTextOrNull<OrganisationId>(row.organisation_id),
    subjectId: fromTextOrNull(row.subject_id),
    keyHash: row.key_hash as string,
    prefix: row.prefix as string,
    createdAt: fromTimestamp(row.created_at),
    revokedAt: fromTimestampOrNull(row.revoked_at)
  }, trusted)

export const apiKeyRow = (k: ApiKey) => ({
  id: k.id,
  name: orNull(k.name),
  role: k.role,
  organisation_id: orNull(k.organisationId),
  subject_id: orNull(k.subjectId),
  key_hash: k.keyHash,
  prefix: k.prefix,
  created_at: toTimestamp(k.createdAt),
  revoked_at: toTimestampOrNull(k.revokedAt)
})

/**
 * Remembers the entities made from rows that have not changed since, keyed by id and `row_version`, which every
 * write raises: definitions and organisations are read on every activity and rarely written. Rows (or their
 * versions) are still read each time, so every process sees every other's writes at once.
 */
export const memoByVersion = <A>(to: (row: Row) => A, capacity = 2_000) => {
  const cache = new Map<string, A>()
  const keyOf = (row: Row) => `${row.id as string}|${String(row.row_version)}`
  return {
    /** The entity of a full row, made once per version. */
    from: (row: Row): A => {
      const key = keyOf(row)
      let entity = cache.get(key)
      if (entity === undefined) {
        entity = to(row)
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!)
        cache.set(key, entity)
      }
      return entity
    },
    /** The entity remembered for a row's version columns alone, if any. */
    lookup: (row: Row): A | undefined => cache.get(keyOf(row))
  }
}
