/**
 * Turning what a caller gives into the record the store keeps.
 *
 * @since 0.1.0
 */
import type { DateTime } from "effect"
import type { BadgeDefinitionId } from "../Ids.js"
import type { BadgeDefinition, NewBadgeDefinition } from "./BadgeDefinition.js"
import { slugify } from "./BadgeDefinition.js"

/** A definition as the store receives it: the serial and rule version come from the database. */
export type DefinitionRecord = Omit<BadgeDefinition, "serial" | "ruleVersion" | "active">

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
