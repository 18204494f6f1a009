/**
 * Telling a person about a grant offered to them: the host app sends the accept link (by email, or to their
 * ActivityPub inbox). The engine calls the notifier once per grant, after the offer that created it is stored; a
 * failure is logged as a warning and never fails the offer. The default only logs that a grant was offered.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, type Redacted, Schema } from "effect"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import type { Grant } from "./Grant.js"

/** What a notifier is told: the grant, its definition, and the key for the accept link (never log it). */
export interface GrantNotice {
  readonly grant: Grant
  readonly definition: BadgeDefinition
  readonly acceptKey: Redacted.Redacted<string>
}

/** A notifier could not tell the person; the offer stands, and the engine logs this as a warning. */
export class GrantNotificationFailed extends Schema.TaggedError<GrantNotificationFailed>()("GrantNotificationFailed", {
  reason: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `the grant could not be notified: ${this.reason}`
  }
}

/** The notifier's interface. */
export interface Notifier {
  /** Tells the person of a new grant. The offer waits for it: queue slow work (mail) instead of doing it here. */
  readonly notify: (notice: GrantNotice) => Effect.Effect<void, GrantNotificationFailed>
}

/** The default notifier: logs that a grant was offered, with its id and recipient; never the key or a link. */
export const log: Notifier = {
  notify: (notice) =>
    Effect.logInfo("grant offered").pipe(
      Effect.annotateLogs({
        grantId: notice.grant.id,
        definitionId: notice.definition.id,
        recipient: notice.grant.profileUri ?? notice.grant.email ?? ""
      })
    )
}

/**
 * The notifier in force, read when the engine's layer is built: {@link log} unless the host app provides its own
 * (`Engine.layer.pipe(Layer.provide(GrantNotifier.layer(notify)))`).
 */
export class GrantNotifier extends Context.Reference<GrantNotifier>()("@badge-engine/core/GrantNotifier", {
  defaultValue: (): Notifier => log
}) {}

/** A notifier from its `notify`. */
export const make = (notify: Notifier["notify"]): Notifier => ({ notify })

/** The default notifier as a layer: logs "grant offered" with the grant's id and recipient. */
export const layerLog: Layer.Layer<GrantNotifier> = Layer.succeed(GrantNotifier, log)

/** A notifier of the host's own, as a layer to provide to the engine's. */
export const layer = (notify: Notifier["notify"]): Layer.Layer<GrantNotifier> =>
  Layer.succeed(GrantNotifier, make(notify))
