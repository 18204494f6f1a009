/**
 * Badge definitions: written only with rules the registry accepts, read with their live award count.
 * A new or changed rule enqueues a backfill of the organisation's recipients as a durable job, in the same
 * transaction as the rule, so no process stopping can lose it.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option } from "effect"
import * as BackfillJob from "../criteria/BackfillJob.js"
import { CriteriaRegistry } from "../criteria/CriteriaRegistry.js"
import { Conflict, type Forbidden, InvalidInput, NotFound, orNotFound, type StoreError } from "../Errors.js"
import { type BadgeDefinitionId, IdGenerator, type OrganisationId } from "../Ids.js"
import { Jobs } from "../jobs/Jobs.js"
import type { Page, PageRequest } from "../Page.js"
import { belongsTo } from "../tenancy/Profiles.js"
import { type ReadOptions, TenancyStore } from "../tenancy/TenancyStore.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import {
  type BadgeDefinition,
  BadgeDefinitionPatch,
  type DefinitionFilter,
  NewBadgeDefinition
} from "./BadgeDefinition.js"
import * as DefinitionPolicy from "./DefinitionPolicy.js"
import { deleteDefinition, makeDefinitionRecord, patchDefinition } from "./DefinitionRecord.js"
import { DefinitionStore } from "./DefinitionStore.js"

/** A definition with the number of live awards of it. */
export interface DefinitionView {
  readonly definition: BadgeDefinition
  readonly earnedCount: number
}

/** What a caller gives to create a definition: without an organisation, the actor's own. */
export type DefinitionInput = Omit<typeof NewBadgeDefinition.Encoded, "organisationId"> & {
  readonly organisationId?: string | undefined
}

/** Whether a new or changed rule enqueues a backfill job (default: yes). Read when the layer is built. */
export class AutoBackfill extends Context.Reference<AutoBackfill>()("@badge-engine/core/AutoBackfill", {
  defaultValue: () => true
}) {}

type Failure = InvalidInput | NotFound | Conflict | Forbidden | StoreError

/** The definitions service. */
export class Definitions extends Context.Tag("@badge-engine/core/Definitions")<Definitions, {
  /** Creates a definition from what a caller gives; defaults fill the rest, errors name the field. */
  readonly create: (input: DefinitionInput) => Effect.Effect<DefinitionView, Failure>
  /** A definition that is not deleted. */
  readonly get: (id: BadgeDefinitionId) => Effect.Effect<DefinitionView, NotFound | Forbidden | StoreError>
  /**
   * A definition that is not deleted, by its serial (BadgeFed's badge id), without its award count; with an
   * organisation, only one of that organisation.
   */
  readonly getBySerial: (
    organisationId: OrganisationId | undefined,
    serial: number
  ) => Effect.Effect<BadgeDefinition, NotFound | Forbidden | StoreError>
  /** A definition that is not deleted, by its slug in an organisation (BadgeKit's badge slug). */
  readonly getBySlug: (
    organisationId: OrganisationId,
    slug: string
  ) => Effect.Effect<BadgeDefinition, NotFound | Forbidden | StoreError>
  /** A live server-scoped definition by its slug (BadgeKit's badges), as `getBySlug` reads one. */
  readonly getByServerSlug: (slug: string) => Effect.Effect<BadgeDefinition, NotFound | Forbidden | StoreError>
  /** A page of an organisation's definitions (the actor's own by default), each with its live award count. */
  readonly list: (
    filter: DefinitionFilter,
    page: PageRequest
  ) => Effect.Effect<Page<DefinitionView>, InvalidInput | Forbidden | StoreError>
  /** The same page without award counts: one read less, for listings that print none. */
  readonly listPlain: (
    filter: DefinitionFilter,
    page: PageRequest
  ) => Effect.Effect<Page<BadgeDefinition>, InvalidInput | Forbidden | StoreError>
  /** Applies a partial update: absent fields stay, `null` clears an optional one. */
  readonly update: (
    id: BadgeDefinitionId,
    patch: typeof BadgeDefinitionPatch.Encoded
  ) => Effect.Effect<DefinitionView, Failure>
  /** Soft delete: the definition is no longer listed or earned; its awards stay. A deleted one is not found. */
  readonly remove: (id: BadgeDefinitionId) => Effect.Effect<BadgeDefinition, NotFound | Forbidden | StoreError>
  /**
   * Removes a definition for good, only while nothing was ever made of it: any award (revoked or expired too), grant
   * or claim code of it is a `Conflict` (archive it instead), so no award ever points at a missing definition.
   */
  readonly hardDelete: (id: BadgeDefinitionId) => Effect.Effect<void, NotFound | Forbidden | Conflict | StoreError>
}>() {}

/** Builds the Definitions service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* DefinitionStore
  const tenancy = yield* TenancyStore
  const transactions = yield* Transactions
  const registry = yield* CriteriaRegistry
  const jobs = yield* Jobs
  const ids = yield* IdGenerator
  const autoBackfill = yield* AutoBackfill

  const withCount = (definition: BadgeDefinition) =>
    Effect.gen(function*() {
      const counts = yield* store.earnedCounts([definition.id], yield* DateTime.now)
      return { definition, earnedCount: counts.get(definition.id) ?? 0 }
    })

  /** Checks that the issuer and program named belong to the organisation. */
  const checkOwners = (
    definition: Pick<BadgeDefinition, "organisationId" | "issuerId" | "programId">,
    options?: ReadOptions
  ) =>
    Effect.gen(function*() {
      if (
        definition.issuerId !== undefined &&
        !belongsTo(yield* tenancy.getIssuer(definition.issuerId, options), definition.organisationId)
      ) {
        return yield* new InvalidInput({ field: "issuerId", reason: "no such issuer in this organisation" })
      }
      if (
        definition.programId !== undefined &&
        !belongsTo(yield* tenancy.getProgram(definition.programId, options), definition.organisationId)
      ) {
        return yield* new InvalidInput({ field: "programId", reason: "no such program in this organisation" })
      }
    })

  /**
   * A server-scoped slug may not be any live definition's, in any organisation. Two server-scoped definitions
   * racing for one slug are settled by the store's unique index; this read covers the organisation-scoped ones.
   */
  const serverSlugFree = (definition: Pick<BadgeDefinition, "id" | "slug" | "slugScope">) =>
    Effect.gen(function*() {
      if (definition.slugScope !== "server") return
      if (yield* store.slugInUse(definition.slug, definition.id)) {
        return yield* new Conflict({ entity: "badge definition", reason: "slug is already used on this server" })
      }
    })

  /** Enqueues the definition's backfill, in the caller's transaction; true when one was enqueued. */
  const enqueueBackfill = (definition: BadgeDefinition) =>
    definition.rule === undefined || !definition.active || !autoBackfill
      ? Effect.succeed(false)
      : Effect.as(jobs.enqueue(BackfillJob.request(definition)), true)

  /** A definition that is not deleted, whoever asks. */
  const live = (id: BadgeDefinitionId) =>
    Effect.flatMap(
      store.get(id),
      (found) =>
        Option.isNone(found) || found.value.deletedAt !== undefined
          ? Effect.fail(new NotFound({ entity: "badge definition", id }))
          : Effect.succeed(found.value)
    )

  const create = Effect.fn("Definitions.create")(function*(raw: DefinitionInput) {
    const organisationId = yield* DefinitionPolicy.create(raw.organisationId as OrganisationId | undefined)
    const input = yield* decode(NewBadgeDefinition)({ ...raw, organisationId })
    if (Option.isNone(yield* tenancy.getOrganisation(input.organisationId))) {
      return yield* new InvalidInput({ field: "organisationId", reason: "no such organisation" })
    }
    if (input.rule !== undefined) yield* registry.validate(input.rule)
    const now = yield* DateTime.now
    const record = makeDefinitionRecord(input, (yield* ids.make("bdg")) as BadgeDefinitionId, now)
    yield* serverSlugFree(record)
    const { definition, enqueued } = yield* transactions.run(Effect.gen(function*() {
      // Read in the transaction, held: an issuer or program removed meanwhile is refused here, not by a foreign key.
      yield* checkOwners(input, { forUpdate: true })
      const definition = yield* store.create(record)
      return { definition, enqueued: yield* enqueueBackfill(definition) }
    }))
    if (enqueued) yield* jobs.wake
    return { definition, earnedCount: 0 }
  })

  const get = Effect.fn("Definitions.get")(function*(id: BadgeDefinitionId) {
    yield* DefinitionPolicy.read
    const definition = yield* live(id)
    yield* DefinitionPolicy.visible(definition)
    return yield* withCount(definition)
  })

  const getBySerial = Effect.fn("Definitions.getBySerial")(
    function*(organisationId: OrganisationId | undefined, serial: number) {
      yield* DefinitionPolicy.read
      const found = yield* store.getBySerial(serial)
      const missing = new NotFound({ entity: "badge definition", id: String(serial) })
      if (Option.isNone(found) || found.value.deletedAt !== undefined) return yield* missing
      yield* DefinitionPolicy.visible(found.value)
      if (organisationId !== undefined && found.value.organisationId !== organisationId) return yield* missing
      return found.value
    }
  )

  const getBySlug = Effect.fn("Definitions.getBySlug")(function*(organisationId: OrganisationId, slug: string) {
    yield* DefinitionPolicy.read
    const found = yield* store.getBySlug(organisationId, slug).pipe(orNotFound("badge definition", slug))
    yield* DefinitionPolicy.visible(found)
    return found
  })

  const getByServerSlug = Effect.fn("Definitions.getByServerSlug")(function*(slug: string) {
    yield* DefinitionPolicy.read
    const found = yield* store.getByServerSlug(slug).pipe(orNotFound("badge definition", slug))
    yield* DefinitionPolicy.visible(found)
    return found
  })

  const listPlain = Effect.fn("Definitions.listPlain")(function*(filter: DefinitionFilter, page: PageRequest) {
    const organisationId = yield* DefinitionPolicy.list(filter.organisationId)
    return yield* store.list({ ...filter, organisationId }, page)
  })

  const list = Effect.fn("Definitions.list")(
    function*(filter: DefinitionFilter, page: PageRequest) {
      const found = yield* listPlain(filter, page)
      const counts = yield* store.earnedCounts(found.items.map((d) => d.id), yield* DateTime.now)
      return {
        ...found,
        items: found.items.map((definition) => ({ definition, earnedCount: counts.get(definition.id) ?? 0 }))
      }
    }
  )

  const update = Effect.fn("Definitions.update")(
    function*(id: BadgeDefinitionId, raw: typeof BadgeDefinitionPatch.Encoded) {
      yield* DefinitionPolicy.write
      yield* DefinitionPolicy.visible(yield* live(id))
      const patch = yield* decode(BadgeDefinitionPatch)(raw)
      if (patch.rule !== undefined && patch.rule !== null) yield* registry.validate(patch.rule)
      const { enqueued, updated } = yield* transactions.run(Effect.gen(function*() {
        const before = yield* store.get(id, { forUpdate: true }).pipe(orNotFound("badge definition", id))
        if (before.deletedAt !== undefined) return yield* new NotFound({ entity: "badge definition", id })
        const patched = patchDefinition(before, patch, yield* DateTime.now)
        yield* checkOwners(patched)
        if (patched.slug !== before.slug) yield* serverSlugFree(patched)
        const updated = yield* store.save(patched)
        const reactivated = !before.active && updated.active
        const enqueued = (updated.ruleVersion !== before.ruleVersion || reactivated) &&
          (yield* enqueueBackfill(updated))
        return { updated, enqueued }
      }))
      if (enqueued) yield* jobs.wake
      return yield* withCount(updated)
    }
  )

  const remove = Effect.fn("Definitions.remove")(function*(id: BadgeDefinitionId) {
    yield* DefinitionPolicy.write
    return yield* transactions.run(Effect.gen(function*() {
      const current = yield* store.get(id, { forUpdate: true }).pipe(orNotFound("badge definition", id))
      yield* DefinitionPolicy.visible(current)
      if (current.deletedAt !== undefined) return yield* new NotFound({ entity: "badge definition", id })
      // Deleting changes no slug, so it cannot conflict.
      return yield* store.save(deleteDefinition(current, yield* DateTime.now)).pipe(
        Effect.catchTag("Conflict", Effect.die)
      )
    }))
  })

  const hardDelete = Effect.fn("Definitions.hardDelete")(function*(id: BadgeDefinitionId) {
    yield* DefinitionPolicy.write
    yield* DefinitionPolicy.visible(yield* live(id))
    // The store settles it in one statement; the foreign keys refuse an award written meanwhile.
    if (!(yield* store.hardDelete(id))) {
      // Deleted meanwhile by a concurrent request: gone, not in use.
      if (Option.isNone(yield* store.get(id))) return yield* new NotFound({ entity: "badge definition", id })
      return yield* new Conflict({
        entity: "badge definition",
        reason: "the badge definition has awards, grants or claim codes; archive it instead",
        existingId: id
      })
    }
  })

  return Definitions.of({
    create,
    get,
    getBySerial,
    getBySlug,
    getByServerSlug,
    list,
    listPlain,
    update,
    remove,
    hardDelete
  })
})

/** The definitions service over the stores, registry and jobs in context. */
export const layer: Layer.Layer<
  Definitions,
  never,
  DefinitionStore | TenancyStore | Transactions | CriteriaRegistry | Jobs | IdGenerator
> = Layer.effect(Definitions, make)
