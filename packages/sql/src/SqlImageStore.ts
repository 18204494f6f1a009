/**
 * The images port over `SqlClient`. The hash is the primary key, so of concurrent uploads of the same bytes one
 * row is stored and the others read it.
 *
 * @since 0.1.0
 */
import { ImageStore } from "@badge-engine/core"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option } from "effect"
import { ImageRow } from "./internal/imageRows.js"
import { decoder, encoder, first } from "./internal/query.js"
import { TablePrefix, tables } from "./TablePrefix.js"

/** Builds the port over the `SqlClient` in context, on the tables of the `TablePrefix` in force. */
export const make: Effect.Effect<ImageStore["Type"], never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const t = tables(yield* TablePrefix)
  const image = decoder(ImageRow)
  const insertRow = encoder(ImageRow)

  const get: ImageStore["Type"]["get"] = (hash) =>
    sql`SELECT * FROM ${sql(t.images)} WHERE hash = ${hash}`.pipe(first("getImage", image))

  return ImageStore.of({
    put: (value) =>
      sql`INSERT INTO ${sql(t.images)} ${sql.insert(insertRow(value))} ON CONFLICT DO NOTHING RETURNING *`.pipe(
        first("putImage", image),
        Effect.flatMap((stored) => Option.isSome(stored) ? Effect.succeed(stored) : get(value.hash)),
        Effect.map(Option.getOrElse(() => value))
      ),
    get
  })
})

/** The images port as a layer over the `SqlClient` in context. */
export const layer: Layer.Layer<ImageStore, never, SqlClient.SqlClient> = Layer.effect(ImageStore, make)
