/**
 * Grant rows to grants and back.
 */
import { Grant } from "@badge-engine/core"
import type { AwardId, BadgeDefinitionId, GrantId, OrganisationId } from "@badge-engine/core"
import { Redacted } from "effect"
import { fromTextOrNull, fromTimestamp, orNull, toTimestamp } from "./codecs.js"
import { type Row, trusted } from "./rows.js"

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
