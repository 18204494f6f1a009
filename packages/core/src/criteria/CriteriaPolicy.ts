/**
 * Who may read a recipient's progress and run a backfill.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Actor from "../Actor.js"
import { Forbidden } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"

/**
 * Reading a recipient's progress: a peer mentor its own only, the organisation's coordinators and admins, and
 * internal services. Returns the organisation read.
 */
export const progress = (asked: OrganisationId | undefined, recipientId: string) =>
  Effect.gen(function*() {
    const actor = yield* Actor.requireRole("peer_mentor", "coordinator", "admin", "system")
    if (actor._tag === "Principal" && actor.role === "peer_mentor" && actor.subjectId !== recipientId) {
      return yield* new Forbidden({ reason: "a peer mentor sees only its own progress" })
    }
    return yield* Actor.organisationFor(actor, asked)
  })

/** Running a definition's backfill: internal services and the admins of its organisation (checked once read). */
export const backfill = Actor.requireRole("system", "admin")
