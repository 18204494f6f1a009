/**
 * One page of a listing and the total of all matches, read with two queries.
 */
import type { Page, PageRequest, StoreError } from "@badge-engine/core"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect } from "effect"
import { fromInt } from "./codecs.js"
import { storeError } from "./errors.js"
import type { Row } from "./rows.js"

/** The page's rows as entities, with the total the count query gives. */
export const paged = <A>(options: {
  readonly operation: string
  readonly page: PageRequest
  readonly rows: Effect.Effect<ReadonlyArray<Row>, SqlError>
  readonly count: Effect.Effect<ReadonlyArray<Row>, SqlError>
  readonly to: (row: Row) => A
}): Effect.Effect<Page<A>, StoreError> =>
  Effect.all({ rows: options.rows, count: options.count }).pipe(
    Effect.map(({ count, rows }) => ({
      items: rows.map(options.to),
      page: options.page.page,
      limit: options.page.limit,
      total: fromInt(count[0]?.total ?? 0)
    })),
    Effect.mapError(storeError(options.operation))
  )
