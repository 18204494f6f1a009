/**
 * The engine's errors as BadgeKit answers them: `InvalidInput` a `ValidationError` naming BadgeKit's field,
 * `Forbidden` a `NotAuthorized`, `NotFound` a `ResourceNotFound` (another system's record too), `Conflict` a
 * `ResourceConflict`; storage failures are logged and answered 503.
 *
 * @since 0.1.0
 */
import type { Conflict, Forbidden, InvalidInput, NotFound, StoreError } from "@badge-engine/core"
import { Effect } from "effect"
import { badgeKitField } from "./BadgeInput.js"
import * as Errors from "./Errors.js"

/** The engine's errors a BadgeKit handler may meet. */
export type DomainError = InvalidInput | Forbidden | NotFound | Conflict | StoreError

/** BadgeKit's names of the engine's entities. */
const entities: Readonly<Record<string, string>> = {
  "badge definition": "badge",
  organisation: "system",
  issuer: "issuer",
  program: "program"
}

/** One engine error in BadgeKit's shape. */
export const toBadgeKit = (error: DomainError | Errors.BadgeKitError): Errors.BadgeKitError => {
  switch (error._tag) {
    case "BadgeKitError":
      return error
    case "InvalidInput":
      return Errors.validationError([
        { field: badgeKitField[error.field] ?? error.field, value: null, message: error.reason }
      ])
    case "Forbidden":
      return Errors.notAuthorized(error.reason)
    case "NotFound":
      return Errors.notFound(entities[error.entity] ?? error.entity, error.id)
    case "Conflict":
      return error.dependents === undefined
        ? Errors.conflict(entities[error.entity] ?? error.entity, {})
        : Errors.inUse(entities[error.entity] ?? error.entity, error.existingId ?? "", error.dependents)
    case "StoreError":
      return Errors.unavailable()
  }
}

/** Answers every failure as a BadgeKit error response; storage failures are logged first. */
export const respond = <A, R>(
  effect: Effect.Effect<A, DomainError | Errors.BadgeKitError, R>
) =>
  effect.pipe(
    Effect.tapError((error) => error._tag === "StoreError" ? Effect.logError(error.message, error.cause) : Effect.void),
    Effect.catchAll((error) => Effect.succeed(Errors.toResponse(toBadgeKit(error))))
  )
