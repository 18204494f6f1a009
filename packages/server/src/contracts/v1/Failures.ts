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
  InvalidInput,
  NotFound,
  StoreError
} from "@badge-engine/core"
import { Effect } from "effect"
import * as ApiErrors from "./Errors.js"

type DomainError =
  | InvalidInput
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

const rename = (field: string, names: FieldNames): string => {
  const [head, ...rest] = field.split(".")
  return [names[head!] ?? head, ...rest].join(".")
}

const toApiError = (error: DomainError, names: FieldNames) => {
  switch (error._tag) {
    case "InvalidInput": {
      const field = rename(error.field, names)
      return ApiErrors.badRequest(`${field}: ${error.reason}`, field)
    }
    case "NotFound":
      return ApiErrors.notFound(error.message)
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
