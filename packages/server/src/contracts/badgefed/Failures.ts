/**
 * The engine's errors as BadgeFed answers them. Each endpoint says how it words "not found"; storage failures are
 * logged and answered 503; nothing internal reaches the client.
 *
 * @since 0.1.0
 */
import type { Conflict, DefinitionInactive, Forbidden, InvalidInput, NotFound, StoreError } from "@badge-engine/core"
import { Effect } from "effect"
import * as Errors from "./Errors.js"

type DomainError = InvalidInput | Forbidden | NotFound | Conflict | DefinitionInactive | StoreError

type ContractError =
  | Errors.BadRequest
  | Errors.Forbidden
  | Errors.NotFound
  | Errors.Conflict
  | Errors.UnsupportedMediaType
  | Errors.Unavailable

const domainTags: ReadonlySet<string> = new Set<DomainError["_tag"]>([
  "InvalidInput",
  "Forbidden",
  "NotFound",
  "Conflict",
  "DefinitionInactive",
  "StoreError"
])

const isDomainError = (error: DomainError | ContractError): error is DomainError => domainTags.has(error._tag)

/** BadgeFed's words for a grant to a recipient who accepted one already. */
export const alreadyGranted = "This badge has already been granted to this recipient"

const toContractError = (error: DomainError, notFound: string): ContractError => {
  switch (error._tag) {
    case "InvalidInput":
      return Errors.badRequest(`Invalid ${error.field}: ${error.reason}`)
    case "Forbidden":
      return Errors.forbidden(`Forbidden: ${error.reason}`)
    case "NotFound":
      return Errors.notFound(notFound)
    case "Conflict":
      return Errors.conflict(alreadyGranted)
    case "DefinitionInactive":
      return Errors.conflict("This badge is archived and can no longer be granted")
    case "StoreError":
      return Errors.unavailable()
  }
}

/** Answers the engine's errors in BadgeFed's shape, `notFound` worded as the endpoint words it; its own pass as they are. */
export const respond =
  (notFound: string) => <A, E extends DomainError | ContractError, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(
      Effect.tapError((error) =>
        error._tag === "StoreError" ? Effect.logError(error.message, error.cause) : Effect.void
      ),
      Effect.mapError((error): ContractError => isDomainError(error) ? toContractError(error, notFound) : error)
    )
