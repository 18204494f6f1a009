/**
 * Wire schemas shared by the v1 contracts: timestamps, pagination and query parameters.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A timestamp as the v1 seed prints it: ISO-8601 UTC, `2026-01-10T08:00:00Z`. */
export const Timestamp = Schema.String.annotations({ examples: ["2026-01-10T08:00:00Z"] })

/** The v1 pagination block. */
export const Pagination = Schema.Struct({ page: Schema.Int, limit: Schema.Int, total: Schema.Int })

/** A 1-based page number in the query string. */
export const PageParam = Schema.NumberFromString.pipe(
  Schema.int({ message: () => "must be a whole number" }),
  Schema.greaterThanOrEqualTo(1, { message: () => "must be 1 or more" })
)

/** A page size in the query string: 1 to 100. */
export const LimitParam = Schema.NumberFromString.pipe(
  Schema.int({ message: () => "must be a whole number" }),
  Schema.between(1, 100, { message: () => "must be between 1 and 100" })
)

/** `true` or `false` in the query string. */
export const BooleanParam = Schema.Literal("true", "false").annotations({
  message: () => "must be true or false"
})

/** An id in a path or query: non-empty, at most 100 characters. */
export const IdParam = Schema.String.pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.maxLength(100, { message: () => "must be at most 100 characters" })
)

/** A recipient id (v1's `peer_mentor_id`). */
export const PeerMentorId = Schema.String.pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.maxLength(255, { message: () => "must be at most 255 characters" })
)
