/**
 * Pagination: what a listing asks for and what it returns.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A page request: 1-based page number and a page size of 1 to 100. */
export const PageRequest = Schema.Struct({
  page: Schema.optionalWith(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)), { default: () => 1 }),
  limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 20 })
})
/** @since 0.1.0 */
export type PageRequest = typeof PageRequest.Type

/** One page of a listing with the total number of matching records. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly page: number
  readonly limit: number
  readonly total: number
}

/** The SQL offset of a page request. */
export const offsetOf = (request: PageRequest): number => (request.page - 1) * request.limit
