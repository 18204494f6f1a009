/**
 * The rows of badge definitions, declared once as a Schema.
 */
import {
  BadgeDefinition,
  BadgeDefinitionId,
  CriteriaItem,
  IssuerId,
  OrganisationId,
  ProgramId,
  Rule,
  SlugScope,
  TimeUnits
} from "@badge-engine/core"
import { Schema, Struct } from "effect"
import { column, entityRow, Flag, Integer, Json, nullable, nullableColumn, Timestamp } from "./codecs.js"

/** Why a rule could not be evaluated, as JSON text: `{"message": …, "since": "<ISO-8601>"}`. */
export const RuleProblemColumn = Schema.Struct({ message: Schema.String, since: Timestamp })

/** A definition's row. `issued_count` and `row_version` are the store's own and belong to no field. */
export const DefinitionRow = entityRow(BadgeDefinition, {
  id: BadgeDefinitionId,
  serial: Integer,
  organisationId: column("organisation_id", OrganisationId),
  issuerId: nullableColumn("issuer_id", IssuerId),
  programId: nullableColumn("program_id", ProgramId),
  slug: Schema.String,
  slugScope: column("slug_scope", SlugScope),
  name: Schema.String,
  description: Schema.String,
  strapline: nullable(Schema.String),
  consumerDescription: nullableColumn("consumer_description", Schema.String),
  imageUrl: nullableColumn("image_url", Schema.String),
  lockedImageUrl: nullableColumn("locked_image_url", Schema.String),
  imageAltText: nullableColumn("image_alt_text", Schema.String),
  rule: nullable(Json(Rule)),
  ruleVersion: column("rule_version", Integer),
  ruleProblem: nullableColumn("rule_problem", Json(RuleProblemColumn)),
  criteria: Json(Schema.Array(Schema.Struct(CriteriaItem.fields))),
  criteriaUrl: nullableColumn("criteria_url", Schema.String),
  criteriaNarrative: nullableColumn("criteria_narrative", Schema.String),
  category: nullable(Schema.String),
  categories: Json(Schema.Array(Schema.String)),
  tags: Json(Schema.Array(Schema.String)),
  milestones: Json(Schema.Array(BadgeDefinitionId)),
  achievementType: nullableColumn("achievement_type", Schema.String),
  badgeType: nullableColumn("badge_type", Schema.String),
  isCertificate: column("is_certificate", Flag),
  issuerUrl: nullableColumn("issuer_url", Schema.String),
  rubricUrl: nullableColumn("rubric_url", Schema.String),
  infoUri: nullableColumn("info_uri", Schema.String),
  timeValue: nullableColumn("time_value", Integer),
  timeUnits: nullableColumn("time_units", TimeUnits),
  maxAwards: nullableColumn("max_awards", Integer),
  unique: column("is_unique", Flag),
  validityDays: nullableColumn("validity_days", Integer),
  archivedAt: nullableColumn("archived_at", Timestamp),
  archivalNote: nullableColumn("archival_note", Schema.String),
  deletedAt: nullableColumn("deleted_at", Timestamp),
  createdAt: column("created_at", Timestamp),
  updatedAt: column("updated_at", Timestamp)
})

/** The columns of a new definition: the database assigns the serial, and the rule version starts at 1. */
export const DefinitionInsert = Schema.Struct(Struct.omit(DefinitionRow.from.fields, "serial", "ruleVersion"))

/** The columns a save writes: every field but the keys, the owner and the creation time, which never change. */
export const DefinitionUpdate = Schema.Struct(
  Struct.omit(DefinitionRow.from.fields, "id", "serial", "organisationId", "createdAt")
)
