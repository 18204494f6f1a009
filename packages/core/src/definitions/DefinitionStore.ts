/**
 * The storage port of badge definitions.
 *
 * @since 0.1.0
 */
import { Context, type DateTime, type Effect, type Option } from "effect"
import type { Conflict, NotFound, StoreError } from "../Errors.js"
import type { BadgeDefinitionId, OrganisationId } from "../Ids.js"
import type { Page, PageRequest } from "../Page.js"
import type { ReadOptions } from "../tenancy/TenancyStore.js"
import type { BadgeDefinition, DefinitionFilter, RuleProblem } from "./BadgeDefinition.js"
import type { DefinitionRecord } from "./DefinitionRecord.js"

/**
 * The definitions port. A slug taken in the organisation is a `Conflict`, and so is a slug of a server-scoped
 * definition taken by another server-scoped one anywhere.
 */
export class DefinitionStore extends Context.Tag("@badge-engine/core/DefinitionStore")<DefinitionStore, {
  /** Stores a new definition; the database assigns its serial, and its rule version starts at 1. */
  readonly create: (definition: DefinitionRecord) => Effect.Effect<BadgeDefinition, Conflict | StoreError>
  /** A definition by id, deleted ones included (their awards still point at them). */
  readonly get: (
    id: BadgeDefinitionId,
    options?: ReadOptions
  ) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  /** A definition by its serial (the integer the database assigned), deleted ones included. */
  readonly getBySerial: (serial: number) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  /** A definition that is not deleted, by its slug in an organisation. */
  readonly getBySlug: (
    organisationId: OrganisationId,
    slug: string
  ) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  /** A live server-scoped definition by its slug (unique on the server). */
  readonly getByServerSlug: (slug: string) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  /** Whether a live definition anywhere on the server, other than `except`, has this slug. */
  readonly slugInUse: (slug: string, except?: BadgeDefinitionId) => Effect.Effect<boolean, StoreError>
  /** A page of definitions in serial order; deleted ones are never listed. */
  readonly list: (filter: DefinitionFilter, page: PageRequest) => Effect.Effect<Page<BadgeDefinition>, StoreError>
  /** Active definitions with a rule, in serial order: the ones evaluation considers. */
  readonly listWithRules: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<BadgeDefinition>, StoreError>
  /**
   * Keeps why a rule could not be evaluated on its definition, once: only while the definition still has that rule
   * version and no problem recorded. `false` when nothing was written.
   */
  readonly reportRuleProblem: (
    id: BadgeDefinitionId,
    ruleVersion: number,
    problem: RuleProblem
  ) => Effect.Effect<boolean, StoreError>
  /** Clears the problem kept for this rule version, if any: its rule evaluated again. `false` when there was none. */
  readonly clearRuleProblem: (id: BadgeDefinitionId, ruleVersion: number) => Effect.Effect<boolean, StoreError>
  /** Writes every field of an existing definition as given (its rule version and archive and delete stamps too). */
  readonly save: (definition: BadgeDefinition) => Effect.Effect<BadgeDefinition, NotFound | Conflict | StoreError>
  /**
   * Removes a definition for good in one statement, unless an award (revoked or expired too), a grant or a claim code
   * refers to it: `true` when it was removed, `false` when something refers to it (or it is gone).
   */
  readonly hardDelete: (id: BadgeDefinitionId) => Effect.Effect<boolean, StoreError>
  /** Live awards per definition at `now`, for the ids given (absent ids count 0). */
  readonly earnedCounts: (
    ids: ReadonlyArray<BadgeDefinitionId>,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlyMap<BadgeDefinitionId, number>, StoreError>
}>() {}
