/**
 * The engine's errors as Badgr answers them, with Badgr's field names; another organisation's entity is 404 like a
 * missing one, storage failures are logged and answered 503.
 *
 * @since 0.1.0
 */
import type {
  AwardLimitReached,
  Conflict,
  DefinitionInactive,
  Forbidden,
  InvalidInput,
  NotFound,
  StoreError
} from "@badge-engine/core"
import { Effect } from "effect"
import * as Errors from "./Errors.js"

type DomainError =
  | InvalidInput
  | Forbidden
  | NotFound
  | Conflict
  | AwardLimitReached
  | DefinitionInactive
  | StoreError

type ContractError = Errors.BadRequest | Errors.Forbidden | Errors.NotFound | Errors.Unavailable

const domainTags: ReadonlySet<string> = new Set<DomainError["_tag"]>([
  "InvalidInput",
  "Forbidden",
  "NotFound",
  "Conflict",
  "AwardLimitReached",
  "DefinitionInactive",
  "StoreError"
])

/** The engine's field names that Badgr names otherwise. */
const fieldNames: Readonly<Record<string, string>> = { imageUrl: "image", issuerId: "issuer" }

const isDomainError = (error: DomainError | ContractError): error is DomainError => domainTags.has(error._tag)

const toContractError = (error: DomainError): ContractError => {
  switch (error._tag) {
    case "InvalidInput":
      return Errors.badRequest(error.reason, fieldNames[error.field] ?? error.field)
    case "Forbidden":
      return Errors.forbidden(error.reason)
    case "NotFound":
      return Errors.notFound()
    case "Conflict":
      return Errors.badRequest(error.reason)
    case "AwardLimitReached":
    case "DefinitionInactive":
      return Errors.badRequest(error.message)
    case "StoreError":
      return Errors.unavailable()
  }
}

/** Answers the engine's errors in Badgr's envelope; the contract's own pass as they are. */
export const respond = <A, E extends DomainError | ContractError, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.tapError((error) => error._tag === "StoreError" ? Effect.logError(error.message, error.cause) : Effect.void),
    Effect.mapError((error): ContractError => isDomainError(error) ? toContractError(error) : error)
  )
