/**
 * Issuers and programs share one profile shape, and so one way of being created, read and updated.
 *
 * @since 0.1.0
 */
import { DateTime, Effect, Option } from "effect"
import type { Conflict, Forbidden, InvalidInput, NotFound, StoreError } from "../Errors.js"
import { orNotFound } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import { IdGenerator } from "../Ids.js"
import * as Patch from "../Patch.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import { ProfilePatch } from "./Issuer.js"
import * as TenancyPolicy from "./TenancyPolicy.js"
import type { ReadOptions } from "./TenancyStore.js"

/** A stored profile: an issuer or a program. */
interface Profile {
  readonly id: string
  readonly organisationId: OrganisationId
}

/** How one kind of profile is stored. */
export interface ProfileKind<A extends Profile, Id extends string> {
  readonly entity: string
  readonly idPrefix: string
  readonly make: (fields: A) => A
  readonly get: (id: Id, options?: ReadOptions) => Effect.Effect<Option.Option<A>, StoreError>
  readonly create: (profile: A) => Effect.Effect<A, Conflict | StoreError>
  readonly save: (profile: A) => Effect.Effect<A, NotFound | Conflict | StoreError>
  readonly remove: (id: Id) => Effect.Effect<A, NotFound | Conflict | StoreError>
}

/** The create, get, update and remove of one kind of profile, with the tenancy policy applied. */
export const operations = <A extends Profile, Id extends string>(kind: ProfileKind<A, Id>) =>
  Effect.gen(function*() {
    const ids = yield* IdGenerator
    const transactions = yield* Transactions

    const create = <I extends { readonly organisationId: OrganisationId }>(
      input: I
    ): Effect.Effect<A, Conflict | Forbidden | NotFound | StoreError> =>
      Effect.gen(function*() {
        yield* TenancyPolicy.write
        yield* TenancyPolicy.visible(input.organisationId, "organisation", input.organisationId)
        const now = yield* DateTime.now
        const id = yield* ids.make(kind.idPrefix)
        return yield* kind.create(kind.make({ ...input, id, createdAt: now, updatedAt: now } as unknown as A))
      })

    const get = (id: Id): Effect.Effect<A, NotFound | StoreError> =>
      Effect.gen(function*() {
        const profile = yield* kind.get(id).pipe(orNotFound(kind.entity, id))
        yield* TenancyPolicy.visible(profile.organisationId, kind.entity, id)
        return profile
      })

    const update = (
      id: Id,
      raw: typeof ProfilePatch.Encoded
    ): Effect.Effect<A, InvalidInput | NotFound | Conflict | Forbidden | StoreError> =>
      Effect.gen(function*() {
        yield* TenancyPolicy.write
        const patch = yield* decode(ProfilePatch)(raw)
        return yield* transactions.run(Effect.gen(function*() {
          const current = yield* kind.get(id, { forUpdate: true }).pipe(orNotFound(kind.entity, id))
          yield* TenancyPolicy.visible(current.organisationId, kind.entity, id)
          return yield* kind.save(kind.make({ ...Patch.apply(current, patch), updatedAt: yield* DateTime.now }))
        }))
      })

    // Read first for the policy's organisation check; the store holds the row again while it removes it.
    const remove = (id: Id): Effect.Effect<A, NotFound | Conflict | Forbidden | StoreError> =>
      Effect.gen(function*() {
        yield* TenancyPolicy.write
        yield* get(id)
        return yield* kind.remove(id)
      })

    return { create, get, update, remove } as const
  })

/** Whether a profile exists in an organisation: what a reference to it from another record must satisfy. */
export const belongsTo = <A extends Profile>(found: Option.Option<A>, organisationId: OrganisationId): boolean =>
  Option.isSome(found) && found.value.organisationId === organisationId
