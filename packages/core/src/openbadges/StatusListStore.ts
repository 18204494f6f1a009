/**
 * The storage port of revocation status lists: which awards of an organisation in a range of serials are revoked.
 * The bits are read from the awards themselves, so every way an award is revoked (any contract, the host app) shows
 * in the list at once.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"

/** The status lists port. */
export class StatusListStore extends Context.Tag("@badge-engine/core/StatusListStore")<StatusListStore, {
  /** The serials of the organisation's revoked awards in `[from, to)`, ascending. */
  readonly revokedSerials: (
    organisationId: OrganisationId,
    from: number,
    to: number
  ) => Effect.Effect<ReadonlyArray<number>, StoreError>
}>() {}
