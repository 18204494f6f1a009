/**
 * Who is calling: a principal with a role, bound to one organisation unless it is `system`. Every contract's
 * credentials end in a principal; handlers read it as {@link CurrentPrincipal}.
 *
 * @since 0.1.0
 */
import type { OrganisationId, Role } from "@badge-engine/core"
import { Context } from "effect"

/** The caller of a request. */
export interface Principal {
  readonly role: Role
  /** The organisation the principal is bound to; absent for `system`. */
  readonly organisationId?: OrganisationId | undefined
  /** For a peer mentor: the recipient id it acts as. */
  readonly subjectId?: string | undefined
  /** What to record as `awarded_by` and in logs: never a secret. */
  readonly name: string
}

/** The current request's principal. */
export class CurrentPrincipal
  extends Context.Tag("@badge-engine/server/CurrentPrincipal")<CurrentPrincipal, Principal>()
{}
