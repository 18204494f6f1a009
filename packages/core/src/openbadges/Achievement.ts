/**
 * What a badge definition says about its achievement, once for every Open Badges version: the 2.0 BadgeClass and the
 * 3.0 Achievement are both this, under their own names and envelopes, so no field is mapped twice.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"

/** How the achievement is earned: a page that says so, a narrative (Markdown), or both; never neither. */
export interface AchievementCriteria {
  readonly id: string | undefined
  readonly narrative: string | undefined
}

/** An alignment to a framework or standard (Open Badges' AlignmentObject); definitions hold none yet. */
export interface Alignment {
  readonly targetName: string
  readonly targetUrl: string
  readonly targetDescription?: string | undefined
  readonly targetFramework?: string | undefined
  readonly targetCode?: string | undefined
}

/** The achievement of a definition, in Open Badges' terms. */
export interface Achievement {
  readonly name: string
  /** Never empty: a definition without a description is described by its name. */
  readonly description: string
  readonly image: string | undefined
  readonly imageCaption: string | undefined
  readonly criteria: AchievementCriteria
  readonly tags: ReadonlyArray<string>
  readonly alignment: ReadonlyArray<Alignment>
  readonly achievementType: string | undefined
}

/** Criteria items as a Markdown list, the optional ones marked. */
const itemsNarrative = (definition: BadgeDefinition): string | undefined =>
  definition.criteria.length === 0
    ? undefined
    : definition.criteria
      .map((item) => `- ${item.description}${item.required ? "" : " (optional)"}${item.note ? `: ${item.note}` : ""}`)
      .join("\n")

const nonEmpty = (text: string | undefined): string | undefined =>
  text === undefined || text.trim() === "" ? undefined : text

/**
 * How a definition is earned: its criteria URL and narrative; without a narrative, its criteria items; with neither
 * a URL nor items, its description (the specification requires one of `id` and `narrative`).
 */
export const criteriaOf = (definition: BadgeDefinition): AchievementCriteria => {
  const narrative = nonEmpty(definition.criteriaNarrative) ?? itemsNarrative(definition)
  return {
    id: definition.criteriaUrl,
    narrative: narrative ?? (definition.criteriaUrl === undefined ? descriptionOf(definition) : undefined)
  }
}

/** A definition's description, or its name when it has none. */
const descriptionOf = (definition: BadgeDefinition): string => nonEmpty(definition.description) ?? definition.name

/** The achievement a definition describes. */
export const achievementOf = (definition: BadgeDefinition): Achievement => ({
  name: definition.name,
  description: descriptionOf(definition),
  image: definition.imageUrl,
  imageCaption: definition.imageAltText,
  criteria: criteriaOf(definition),
  tags: definition.tags,
  alignment: [],
  achievementType: definition.achievementType
})
