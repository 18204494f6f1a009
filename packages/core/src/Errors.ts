/**
 * Typed domain errors. They carry no HTTP details: the server maps each to a status.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"

/** A storage operation failed for a reason that is not the caller's (connection lost, disk full). */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  operation: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    const reason = rootReason(this.cause)
    return `storage failed during ${this.operation}${reason === undefined ? "" : `: ${reason}`}`
  }
}

/**
 * What a driver's error says at the bottom of its chain of causes (a client error wraps the driver's, which may wrap
 * the system's): the deepest message, else the deepest error code (a refused connection may say only `ECONNREFUSED`).
 */
const rootReason = (cause: unknown): string | undefined => {
  let reason: string | undefined
  for (let at = cause, depth = 0; typeof at === "object" && at !== null && depth < 8; depth++) {
    const { code, errors, message } = at as { message?: unknown; code?: unknown; errors?: unknown }
    if (typeof message === "string" && message !== "") reason = message
    else if (typeof code === "string" && code !== "") reason = code
    // Node reports a connection tried on several addresses as an AggregateError without a message of its own.
    at = (at as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return reason ?? (typeof cause === "string" && cause !== "" ? cause : undefined)
}

/** A record that was asked for does not exist (or belongs to another organisation). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  entity: Schema.String,
  id: Schema.String
}) {
  override get message(): string {
    return `${this.entity} ${this.id} was not found`
  }
}

/** The value of a lookup, or `NotFound` naming what was looked for. */
export const orNotFound = (entity: string, id: string) => <A, E, R>(lookup: Effect.Effect<Option.Option<A>, E, R>) =>
  Effect.flatMap(
    lookup,
    (found) => Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(new NotFound({ entity, id }))
  )

/** The current actor may not do this; `reason` says why, without naming records it may not see. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  reason: Schema.String
}) {
  override get message(): string {
    return this.reason
  }
}

/** Input that breaks a rule of the model; `field` names the offending field. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  field: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.field}: ${this.reason}`
  }
}

/**
 * A write conflicts with an existing record: a taken slug, a second award of a unique badge, or a removal of a
 * record others still hang under (`dependents` counts them by kind).
 */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", {
  entity: Schema.String,
  reason: Schema.String,
  existingId: Schema.optional(Schema.String),
  dependents: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Number }))
}) {
  override get message(): string {
    return `${this.entity}: ${this.reason}`
  }
}

/** A definition has reached its `maxAwards` cap. */
export class AwardLimitReached extends Schema.TaggedError<AwardLimitReached>()("AwardLimitReached", {
  definitionId: Schema.String,
  maxAwards: Schema.Int
}) {
  override get message(): string {
    return `badge definition ${this.definitionId} has reached its limit of ${this.maxAwards} awards`
  }
}

/** A claim code cannot be redeemed; `reason` says why. */
export class ClaimCodeUnavailable extends Schema.TaggedError<ClaimCodeUnavailable>()("ClaimCodeUnavailable", {
  reason: Schema.Literal("unknown", "expired", "disabled", "archived", "exhausted")
}) {
  override get message(): string {
    return `claim code is ${this.reason === "unknown" ? "not valid" : this.reason}`
  }
}

/** The definition is archived or deleted and cannot be awarded. */
export class DefinitionInactive extends Schema.TaggedError<DefinitionInactive>()("DefinitionInactive", {
  definitionId: Schema.String
}) {
  override get message(): string {
    return `badge definition ${this.definitionId} is not active`
  }
}

/** A criteria plugin's evaluation failed (a host service it reads was down, say). */
export class EvaluationError extends Schema.TaggedError<EvaluationError>()("EvaluationError", {
  type: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `criteria type ${this.type} could not be evaluated`
  }
}
