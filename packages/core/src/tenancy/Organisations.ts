/**
 * Organisations: the tenants. Created once by an operator or the host app; every other record belongs to one.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer } from "effect"
import { BadgeStore } from "../BadgeStore.js"
import { slugify } from "../definitions/BadgeDefinition.js"
import { type Conflict, type InvalidInput, type NotFound, orNotFound, type StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import { decode } from "../Validation.js"
import { NewOrganisation, Organisation, OrganisationPatch } from "./Organisation.js"

/** The organisations service. */
export class Organisations extends Context.Tag("@badge-engine/core/Organisations")<Organisations, {
  /** Creates an organisation; errors name the field, and a taken id or slug is a `Conflict`. */
  readonly create: (
    input: typeof NewOrganisation.Encoded
  ) => Effect.Effect<Organisation, InvalidInput | Conflict | StoreError>
  readonly get: (id: OrganisationId) => Effect.Effect<Organisation, NotFound | StoreError>
  readonly list: () => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  /** A partial update: absent fields stay as they are. */
  readonly update: (
    id: OrganisationId,
    patch: typeof OrganisationPatch.Encoded
  ) => Effect.Effect<Organisation, InvalidInput | NotFound | Conflict | StoreError>
}>() {}

export const make = Effect.gen(function*() {
  const store = yield* BadgeStore

  const create = Effect.fn("Organisations.create")(function*(raw: typeof NewOrganisation.Encoded) {
    const input = yield* decode(NewOrganisation)(raw)
    const now = yield* DateTime.now
    return yield* store.createOrganisation(
      new Organisation({ ...input, slug: input.slug ?? slugify(input.id), createdAt: now, updatedAt: now })
    )
  })

  const update = Effect.fn("Organisations.update")(
    function*(id: OrganisationId, raw: typeof OrganisationPatch.Encoded) {
      const patch = yield* decode(OrganisationPatch)(raw)
      return yield* store.updateOrganisation(id, patch, yield* DateTime.now)
    }
  )

  return Organisations.of({
    create,
    get: (id) => store.getOrganisation(id).pipe(orNotFound("organisation", id)),
    list: store.listOrganisations,
    update
  })
})

/** The organisations service over the store in context. */
export const layer: Layer.Layer<Organisations, never, BadgeStore> = Layer.effect(Organisations, make)
