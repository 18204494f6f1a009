/**
 * Who acts: every service call that reads or writes tenant data checks the current actor against the policy of
 * what it touches. A host app embedding the engine acts as the `Host`, which may do anything; the server acts for
 * the principal of each request.
 *
 * @since 0.1.0
 */
import { Context, Data, Effect } from "effect"
import type { Role } from "./api-keys/ApiKey.js"
import { Forbidden, InvalidInput, NotFound } from "./Errors.js"
import type { OrganisationId } from "./Ids.js"

/** The host app itself, in-process: it may read and write every organisation's records. */
export class Host extends Data.TaggedClass("Host")<Record<never, never>> {}

/** A principal with a role, bound to one organisation unless it is `system`. */
export class Principal extends Data.TaggedClass("Principal")<{
  readonly role: Role
  /** The organisation the principal is bound to; absent for `system`. */
  readonly organisationId?: OrganisationId | undefined
  /** For a peer mentor: the recipient id it acts as. */
  readonly subjectId?: string | undefined
  /** What to record as who awarded, and in logs: never a secret. */
  readonly name: string
  /** The OAuth-style scopes its credential holds (`rw:issuer`), for contracts that check them (Badgr). */
  readonly scopes?: ReadonlyArray<string> | undefined
}> {}

/**
 * No one: what a server acts as until a contract's credentials name a principal. It may do nothing, so an endpoint
 * that forgot its credentials refuses everything instead of acting for the host.
 */
export class Anonymous extends Data.TaggedClass("Anonymous")<Record<never, never>> {}

/** An actor: the host app, a principal, or no one. */
export type Actor = Host | Principal | Anonymous

/** The current actor. Without one set, the host app acts. */
export class CurrentActor extends Context.Reference<CurrentActor>()("@badge-engine/core/CurrentActor", {
  defaultValue: (): Actor => new Host()
}) {}

/** No one, as the server acts before credentials are checked. */
export const anonymous: Actor = new Anonymous()

/** Runs `effect` as `actor`. */
export const actingAs = (actor: Actor) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, CurrentActor, actor)

/** Whether the actor may cross organisations: the host app and `system` principals. */
export const crossesOrganisations = (actor: Actor): boolean =>
  actor._tag === "Host" || (actor._tag === "Principal" && actor.role === "system")

/** The organisation a principal is bound to; none for anyone else (a bound role without one is bound to nothing). */
const ownOrganisation = (actor: Actor): OrganisationId | undefined =>
  actor._tag === "Principal" ? actor.organisationId : undefined

/** Whether the actor may see records of an organisation. */
export const canSee = (actor: Actor, organisationId: OrganisationId): boolean =>
  crossesOrganisations(actor) || ownOrganisation(actor) === organisationId

/** The actor, if it has one of the roles; the host app has every role, no one has none. */
export const requireRole = (...roles: ReadonlyArray<Role>): Effect.Effect<Actor, Forbidden> =>
  Effect.flatMap(CurrentActor, (actor) => {
    if (actor._tag === "Host" || (actor._tag === "Principal" && roles.includes(actor.role))) {
      return Effect.succeed(actor)
    }
    const who = actor._tag === "Principal" ? `the API key is ${actor.role}` : "no credentials were given"
    return Effect.fail(new Forbidden({ reason: `this requires the role ${roles.join(" or ")}; ${who}` }))
  })

/** A record of another organisation reads as absent: an actor bound to one learns nothing of the others. */
export const checkVisible = (actor: Actor, organisationId: OrganisationId, entity: string, id: string) =>
  canSee(actor, organisationId) ? Effect.void : Effect.fail(new NotFound({ entity, id }))

/** Checks that the current actor may see a record of an organisation: another organisation's reads as absent. */
export const requireVisible = (organisationId: OrganisationId, entity: string, id: string) =>
  Effect.flatMap(CurrentActor, (actor) => checkVisible(actor, organisationId, entity, id))

/**
 * The organisation a listing is for: the one asked, which a bound actor may only ask for its own (its own is
 * the default); an actor crossing organisations must name one.
 */
export const organisationFor = (
  actor: Actor,
  asked: OrganisationId | undefined
): Effect.Effect<OrganisationId, InvalidInput | Forbidden> => {
  if (crossesOrganisations(actor)) {
    return asked === undefined
      ? Effect.fail(new InvalidInput({ field: "organisationId", reason: "is required" }))
      : Effect.succeed(asked)
  }
  const own = ownOrganisation(actor)
  // A principal of a bound role that names no organisation sees none: fail closed.
  if (own === undefined) return Effect.fail(new Forbidden({ reason: "the principal is bound to no organisation" }))
  return asked !== undefined && asked !== own
    ? Effect.fail(new Forbidden({ reason: "the API key is bound to another organisation" }))
    : Effect.succeed(own)
}
