/**
 * The organisation an API key acts for: BadgeFed's "authenticated user", who owns the badges and issues them. Every
 * endpoint reads and writes only its records, whatever else the key's role could reach.
 *
 * @since 0.1.0
 */
import { Actor, type Organisations } from "@badge-engine/core"
import { Effect } from "effect"
import { forbidden } from "./Errors.js"

/** The key's organisation, read as the key; a key bound to none (a `system` key made without one) is refused. */
export const ownerOfKey = (organisations: Organisations.Organisations["Type"]) =>
  Effect.gen(function*() {
    const actor = yield* Actor.CurrentActor
    const organisationId = actor._tag === "Principal" ? actor.organisationId : undefined
    if (organisationId === undefined) return yield* Effect.fail(forbidden("This API key acts for no organisation"))
    return yield* organisations.get(organisationId)
  })
