/**
 * Organisations: the tenants. Created once by an operator or the host app; every other record belongs to one.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import { slugify } from "../definitions/BadgeDefinition.js"
import type { Conflict, Forbidden, InvalidInput, NotFound, StoreError } from "../Errors.js"
import { orNotFound } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import * as Patch from "../Patch.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import { NewOrganisation, Organisation, OrganisationPatch } from "./Organisation.js"
import * as TenancyPolicy from "./TenancyPolicy.js"
import { TenancyStore } from "./TenancyStore.js"

/** The organisations service. */
export class Organisations extends Context.Tag("@badge-engine/core/Organisations")<Organisations, {
  /** Creates an organisation; errors name the field, and a taken id or slug is a `Conflict`. */
  readonly create: (
    input: typeof NewOrganisation.Encoded
  ) => Effect.Effect<Organisation, InvalidInput | Conflict | Forbidden | StoreError>
  /** An organisation the actor belongs to (or any, for an actor that crosses organisations). */
  readonly get: (id: OrganisationId) => Effect.Effect<Organisation, NotFound | StoreError>
  /** An organisation by its slug, as `get` reads one by id. */
  readonly getBySlug: (slug: string) => Effect.Effect<Organisation, NotFound | StoreError>
  /** Every organisation, for an actor that crosses organisations. */
  readonly list: () => Effect.Effect<ReadonlyArray<Organisation>, Forbidden | StoreError>
  /** A partial update: absent fields stay as they are. */
  readonly update: (
    id: OrganisationId,
    patch: typeof OrganisationPatch.Encoded
  ) => Effect.Effect<Organisation, InvalidInput | NotFound | Conflict | Forbidden | StoreError>
  /**
   * Removes an organisation nothing hangs under (see `TenancyStore.removeOrganisation`); otherwise a `Conflict`
   * whose `dependents` say what is there. Its admins, or an actor that crosses organisations.
   */
  readonly remove: (id: OrganisationId) => Effect.Effect<Organisation, NotFound | Conflict | Forbidden | StoreError>
}>() {}

/** Builds the Organisations service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* TenancyStore
  const transactions = yield* Transactions

  const create = Effect.fn("Organisations.create")(function*(raw: typeof NewOrganisation.Encoded) {
    yield* TenancyPolicy.manageAll
    const input = yield* decode(NewOrganisation)(raw)
    const now = yield* DateTime.now
    return yield* store.createOrganisation(
      new Organisation({ ...input, slug: input.slug ?? slugify(input.id), createdAt: now, updatedAt: now })
    )
  })

  const get = Effect.fn("Organisations.get")(function*(id: OrganisationId) {
    yield* TenancyPolicy.visible(id, "organisation", id)
    return yield* store.getOrganisation(id).pipe(orNotFound("organisation", id))
  })

  const getBySlug = Effect.fn("Organisations.getBySlug")(function*(slug: string) {
    const found = yield* store.getOrganisationBySlug(slug).pipe(orNotFound("organisation", slug))
    yield* TenancyPolicy.visible(found.id, "organisation", slug)
    return found
  })

  const update = Effect.fn("Organisations.update")(
    function*(id: OrganisationId, raw: typeof OrganisationPatch.Encoded) {
      yield* TenancyPolicy.write
      yield* TenancyPolicy.visible(id, "organisation", id)
      const patch = yield* decode(OrganisationPatch)(raw)
      return yield* transactions.run(Effect.gen(function*() {
        const current = yield* store.getOrganisation(id, { forUpdate: true }).pipe(orNotFound("organisation", id))
        const updatedAt = yield* DateTime.now
        return yield* store.saveOrganisation(
          new Organisation({ ...Patch.apply(current, patch), updatedAt }, { disableValidation: true })
        )
      }))
    }
  )

  const remove = Effect.fn("Organisations.remove")(function*(id: OrganisationId) {
    yield* TenancyPolicy.write
    yield* TenancyPolicy.visible(id, "organisation", id)
    return yield* store.removeOrganisation(id)
  })

  return Organisations.of({
    create,
    remove,
    get,
    getBySlug,
    list: () =>
      Effect.zipRight(TenancyPolicy.manageAll, store.listOrganisations()).pipe(Effect.withSpan("Organisations.list")),
    update
  })
})

/** The organisations service over the tenancy store in context. */
export const layer: Layer.Layer<Organisations, never, TenancyStore | Transactions> = Layer.effect(Organisations, make)
