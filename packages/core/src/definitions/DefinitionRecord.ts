/**
 * Turning what a caller gives into the record the store keeps: a new definition, or a definition patched.
 *
 * @since 0.1.0
 */
import type { DateTime } from "effect"
import type { BadgeDefinitionId } from "../Ids.js"
import * as Patch from "../Patch.js"
import type { BadgeDefinitionPatch, NewBadgeDefinition } from "./BadgeDefinition.js"
import { BadgeDefinition, slugify } from "./BadgeDefinition.js"

/** A definition as the store receives it: the serial and rule version come from the database. */
export type DefinitionRecord = Omit<BadgeDefinition, "serial" | "ruleVersion" | "ruleProblem" | "active">

/** The record for a new definition; its slug defaults to one made from the name (or the id). */
export const makeDefinitionRecord = (
  input: NewBadgeDefinition,
  id: BadgeDefinitionId,
  now: DateTime.Utc
): DefinitionRecord => {
  const { active, slug, ...fields } = input
  return {
    ...fields,
    id,
    slug: slug ?? (slugify(input.name) || slugify(id)),
    ...(active ? {} : { archivedAt: now }),
    createdAt: now,
    updatedAt: now
  }
}

/** JSON with object keys sorted, so equal rules compare equal whatever their key order. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
      : v)

/**
 * A definition with a patch applied: `active: false` archives it, `active: true` reactivates it, and a rule
 * that changes (not merely reordered) raises the rule version, so awards record which rule made them.
 */
export const patchDefinition = (
  current: BadgeDefinition,
  patch: BadgeDefinitionPatch,
  now: DateTime.Utc
): BadgeDefinition => {
  const { active, ...fields } = patch
  const next: Record<string, unknown> = { ...Patch.apply(current, fields) }
  if (active === false && current.archivedAt === undefined) next.archivedAt = now
  if (active === true) {
    delete next.archivedAt
    delete next.archivalNote
  }
  const ruleChanged = patch.rule !== undefined && canonicalJson(current.rule ?? null) !== canonicalJson(patch.rule)
  next.ruleVersion = ruleChanged ? current.ruleVersion + 1 : current.ruleVersion
  // A new rule gets a fresh start: the old one's problem no longer applies.
  if (ruleChanged) delete next.ruleProblem
  next.updatedAt = now
  return new BadgeDefinition(next as ConstructorParameters<typeof BadgeDefinition>[0], { disableValidation: true })
}

/** A definition deleted at `now`: no longer listed or earned; its awards stay. */
export const deleteDefinition = (current: BadgeDefinition, now: DateTime.Utc): BadgeDefinition =>
  new BadgeDefinition({ ...current, deletedAt: now, updatedAt: now }, { disableValidation: true })
