/**
 * Badge definitions: written only with rules the registry accepts, read with their live award count.
 * A new or changed rule starts a backfill of the organisation's recipients in the background.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Stream } from "effect"
import { BadgeStore } from "../BadgeStore.js"
import { Backfill } from "../criteria/Backfill.js"
import { CriteriaRegistry } from "../criteria/CriteriaRegistry.js"
import { type Conflict, InvalidInput, NotFound, type StoreError } from "../Errors.js"
import { type BadgeDefinitionId, IdGenerator } from "../Ids.js"
import type { Page, PageRequest } from "../Page.js"
import { decode } from "../Validation.js"
import {
  type BadgeDefinition,
  BadgeDefinitionPatch,
  type DefinitionFilter,
  NewBadgeDefinition
} from "./BadgeDefinition.js"
import { makeDefinitionRecord } from "./DefinitionRecord.js"

/** A definition with the number of live awards of it. */
export interface DefinitionView {
  readonly definition: BadgeDefinition
  readonly earnedCount: number
}

/** Whether a new or changed rule starts a background backfill (default: yes). Read when the layer is built. */
export class AutoBackfill extends Context.Reference<AutoBackfill>()("@badge-engine/core/AutoBackfill", {
  defaultValue: () => true
}) {}

/** The definitions service. */
export class Definitions extends Context.Tag("@badge-engine/core/Definitions")<Definitions, {
  /** Creates a definition from what a caller gives; defaults fill the rest, errors name the field. */
  readonly create: (
    input: typeof NewBadgeDefinition.Encoded
  ) => Effect.Effect<DefinitionView, InvalidInput | NotFound | Conflict | StoreError>
  /** A definition that is not deleted. */
  readonly get: (id: BadgeDefinitionId) => Effect.Effect<DefinitionView, NotFound | StoreError>
  readonly list: (filter: DefinitionFilter, page: PageRequest) => Effect.Effect<Page<DefinitionView>, StoreError>
  /** Applies a partial update: absent fields stay, `null` clears an optional one. */
  readonly update: (
    id: BadgeDefinitionId,
    patch: typeof BadgeDefinitionPatch.Encoded
  ) => Effect.Effect<DefinitionView, InvalidInput | NotFound | Conflict | StoreError>
  /** Soft delete: the definition is no longer listed or earned; its awards stay. */
  readonly remove: (id: BadgeDefinitionId) => Effect.Effect<BadgeDefinition, NotFound | StoreError>
}>() {}

export const make = Effect.gen(function*() {
  const store = yield* BadgeStore
  const registry = yield* CriteriaRegistry
  const backfill = yield* Backfill
  const ids = yield* IdGenerator
  const scope = yield* Effect.scope
  const autoBackfill = yield* AutoBackfill

  const withCount = (definition: BadgeDefinition) =>
    Effect.gen(function*() {
      const counts = yield* store.earnedCounts([definition.id], yield* DateTime.now)
      return { definition, earnedCount: counts.get(definition.id) ?? 0 }
    })

  /** Checks that the issuer and program named belong to the organisation. */
  const checkOwners = (definition: Pick<BadgeDefinition, "organisationId" | "issuerId" | "programId">) =>
    Effect.gen(function*() {
      if (definition.issuerId !== undefined) {
        const issuer = yield* store.getIssuer(definition.issuerId)
        if (Option.isNone(issuer) || issuer.value.organisationId !== definition.organisationId) {
          return yield* new InvalidInput({ field: "issuerId", reason: "no such issuer in this organisation" })
        }
      }
      if (definition.programId !== undefined) {
        const program = yield* store.getProgram(definition.programId)
        if (Option.isNone(program) || program.value.organisationId !== definition.organisationId) {
          return yield* new InvalidInput({ field: "programId", reason: "no such program in this organisation" })
        }
      }
    })

  const startBackfill = (definition: BadgeDefinition) =>
    Effect.gen(function*() {
      if (definition.rule === undefined || !autoBackfill) return
      yield* backfill.run(definition.id).pipe(
        Stream.runDrain,
        Effect.catchAllCause((cause) => Effect.logWarning("backfill stopped", cause)),
        Effect.annotateLogs({ definitionId: definition.id }),
        Effect.forkIn(scope)
      )
    })

  const create = Effect.fn("Definitions.create")(function*(raw: typeof NewBadgeDefinition.Encoded) {
    const input = yield* decode(NewBadgeDefinition)(raw)
    if (Option.isNone(yield* store.getOrganisation(input.organisationId))) {
      return yield* new InvalidInput({ field: "organisationId", reason: "no such organisation" })
    }
    if (input.rule !== undefined) yield* registry.validate(input.rule)
    yield* checkOwners(input)
    const now = yield* DateTime.now
    const definition = yield* store.createDefinition(
      makeDefinitionRecord(input, (yield* ids.make("bdg")) as BadgeDefinitionId, now)
    )
    yield* startBackfill(definition)
    return { definition, earnedCount: 0 }
  })

  const get = Effect.fn("Definitions.get")(function*(id: BadgeDefinitionId) {
    const found = yield* store.getDefinition(id)
    if (Option.isNone(found) || found.value.deletedAt !== undefined) {
      return yield* new NotFound({ entity: "badge definition", id })
    }
    return yield* withCount(found.value)
  })

  const list = Effect.fn("Definitions.list")(function*(filter: DefinitionFilter, page: PageRequest) {
    const found = yield* store.listDefinitions(filter, page)
    const counts = yield* store.earnedCounts(found.items.map((d) => d.id), yield* DateTime.now)
    return {
      ...found,
      items: found.items.map((definition) => ({ definition, earnedCount: counts.get(definition.id) ?? 0 }))
    }
  })

  const update = Effect.fn("Definitions.update")(
    function*(id: BadgeDefinitionId, raw: typeof BadgeDefinitionPatch.Encoded) {
      const patch = yield* decode(BadgeDefinitionPatch)(raw)
      if (patch.rule !== undefined && patch.rule !== null) yield* registry.validate(patch.rule)
      const before = yield* get(id)
      const candidate = {
        organisationId: before.definition.organisationId,
        issuerId: patch.issuerId === null ? undefined : patch.issuerId ?? before.definition.issuerId,
        programId: patch.programId === null ? undefined : patch.programId ?? before.definition.programId
      }
      yield* checkOwners(candidate)
      const updated = yield* store.updateDefinition(id, patch, yield* DateTime.now)
      const reactivated = !before.definition.active && updated.active
      if (updated.ruleVersion !== before.definition.ruleVersion || reactivated) yield* startBackfill(updated)
      return yield* withCount(updated)
    }
  )

  const remove = Effect.fn("Definitions.remove")(function*(id: BadgeDefinitionId) {
    return yield* store.deleteDefinition(id, yield* DateTime.now)
  })

  return Definitions.of({ create, get, list, update, remove })
})

/** The definitions service over the store, registry and backfill in context. */
export const layer: Layer.Layer<Definitions, never, BadgeStore | CriteriaRegistry | Backfill | IdGenerator> = Layer
  .scoped(Definitions, make)
