/**
 * The engine's records as the v1 contracts print them.
 */
import type { Activity, Award, BadgeDefinition } from "@badge-engine/core"
import { DateTime } from "effect"

/** ISO-8601 UTC to the second, as the seed prints it (`2026-01-10T08:00:00Z`). */
export const timestamp = (value: DateTime.DateTime): string => DateTime.formatIso(value).replace(/\.\d{3}Z$/, "Z")

/**
 * A badge definition as v1 prints it; `earned_count` only when it was counted, `criteria_error` only when its rule
 * could not be evaluated (skipped until it evaluates again or changes).
 */
export const definitionJson = (definition: BadgeDefinition, earnedCount?: number) => ({
  id: definition.id,
  organisation_id: definition.organisationId,
  name: definition.name,
  description: definition.description,
  icon_url: definition.imageUrl ?? null,
  locked_icon_url: definition.lockedImageUrl ?? null,
  criteria: definition.rule ?? null,
  category: definition.category ?? null,
  is_active: definition.active,
  ...(earnedCount === undefined ? {} : { earned_count: earnedCount }),
  ...(definition.ruleProblem === undefined ? {} : {
    criteria_error: { message: definition.ruleProblem.message, since: timestamp(definition.ruleProblem.since) }
  }),
  created_at: timestamp(definition.createdAt),
  updated_at: timestamp(definition.updatedAt)
})

/** An award as v1 prints an earned badge. */
export const earnedBadgeJson = (award: Award) => ({
  id: award.id,
  badge_definition_id: award.definitionId,
  peer_mentor_id: award.recipient.value,
  awarded_at: timestamp(award.awardedAt),
  awarded_by: award.awardedBy,
  revoked_at: award.revokedAt === undefined ? null : timestamp(award.revokedAt),
  ...(award.revocationReason === undefined ? {} : { revocation_reason: award.revocationReason }),
  ...(award.expiresAt === undefined ? {} : { expires_at: timestamp(award.expiresAt) })
})

/** An earned badge in an organisation's listing: without `awarded_by`, as the seed prints it. */
export const organisationEarnedBadgeJson = (award: Award) => {
  const { awarded_by: _, ...rest } = earnedBadgeJson(award)
  return rest
}

/** A recorded activity with the awards it caused, and whether it was a replay. */
export const activityJson = (activity: Activity, replayed: boolean, awards: ReadonlyArray<Award>) => ({
  id: activity.id,
  organisation_id: activity.organisationId,
  peer_mentor_id: activity.recipientId,
  type: activity.type,
  occurred_at: timestamp(activity.occurredAt),
  idempotency_key: activity.idempotencyKey ?? null,
  replayed,
  awards: awards.map(earnedBadgeJson)
})
