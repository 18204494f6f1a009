/**
 * Domain errors to v1's errors, with v1's field names. Storage failures are logged and answered 503; nothing internal
 * reaches the client.
 */
import type {
  AwardLimitReached,
  ClaimCodeUnavailable,
  Conflict,
  Criteria,
  DefinitionInactive,
  Forbidden,
  InvalidInput,
  NotFound,
  StoreError
} from "@badge-engine/core"
import { Effect } from "effect"
import * as ApiErrors from "./Errors.js"

type DomainError =
  | InvalidInput
  | Forbidden
  | NotFound
  | Conflict
  | AwardLimitReached
  | DefinitionInactive
  | ClaimCodeUnavailable
  | StoreError
  | Criteria.EvaluationError

/** The engine's field names as a contract spells them. */
export type FieldNames = Readonly<Record<string, string>>

/** v1's names for the engine's fields. */
export const v1Fields: FieldNames = {
  rule: "criteria",
  organisationId: "organisation_id",
  imageUrl: "icon_url",
  lockedImageUrl: "locked_icon_url",
  active: "is_active",
  recipientId: "peer_mentor_id",
  definitionId: "badge_definition_id"
}

/** v1's names for the engine's records. */
const v1Entities: Readonly<Record<string, string>> = { award: "earned badge" }

/** The "is required" of a missing field reads as v1 always printed it. */
const invalid = (field: string, reason: string) =>
  ApiErrors.badRequest(reason === "is required" ? `${field} is required` : `${field}: ${reason}`, field)

const rename = (field: string, names: FieldNames): string => {
  const [head, ...rest] = field.split(".")
  return [names[head!] ?? head, ...rest].join(".")
}

const toApiError = (error: DomainError, names: FieldNames) => {
  switch (error._tag) {
    case "InvalidInput": {
      return invalid(rename(error.field, names), error.reason)
    }
    case "Forbidden":
      return ApiErrors.forbidden(error.reason)
    case "NotFound":
      return ApiErrors.notFound(`${v1Entities[error.entity] ?? error.entity} ${error.id} was not found`)
    case "Conflict":
      return ApiErrors.conflict(error.message)
    case "AwardLimitReached":
      return ApiErrors.conflict(error.message, "award_limit_reached")
    case "DefinitionInactive":
      return ApiErrors.conflict(error.message, "definition_inactive")
    case "ClaimCodeUnavailable":
      return ApiErrors.conflict(error.message, "claim_code_unavailable")
    case "StoreError":
    case "EvaluationError":
      return ApiErrors.unavailable()
  }
}

/** Answers the engine's errors in the contract's shape; storage and evaluation failures are logged first. */
export const respond =
  (names: FieldNames = v1Fields) => <A, E extends DomainError, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(
      Effect.tapError((error: DomainError) =>
        error._tag === "StoreError" || error._tag === "EvaluationError"
          ? Effect.logError(error.message, error.cause)
          : Effect.void
      ),
      Effect.mapError((error) => toApiError(error, names))
    )
