/**
 * One page of a listing and the total of all matches, read with two queries.
 */
import { type Page, type PageRequest, StoreError } from "@badge-engine/core"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect } from "effect"
import { CountRow, decoder, decodeRows } from "./query.js"

const decodeCount = decoder(CountRow)

/** The page's rows decoded, with the total the count query gives. */
export const paged = <A>(options: {
  readonly operation: string
  readonly page: PageRequest
  readonly rows: Effect.Effect<ReadonlyArray<unknown>, SqlError>
  readonly count: Effect.Effect<ReadonlyArray<unknown>, SqlError>
  readonly decode: (row: unknown) => A
}): Effect.Effect<Page<A>, StoreError> =>
  Effect.all({ rows: options.rows, count: options.count }).pipe(
    Effect.mapError((cause) => new StoreError({ operation: options.operation, cause })),
    Effect.flatMap(({ count, rows }) =>
      Effect.all({
        items: decodeRows(options.operation, rows, options.decode),
        counts: decodeRows(options.operation, count, decodeCount)
      })
    ),
    Effect.map(({ counts, items }) => ({
      items,
      page: options.page.page,
      limit: options.page.limit,
      total: counts[0]?.total ?? 0
    }))
  )
