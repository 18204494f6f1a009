/**
 * Entities made once per row version.
 */
import type { Row } from "./query.js"

/**
 * Remembers the entities made from rows that have not changed since, keyed by id and `row_version`, which every
 * write raises: definitions and organisations are read on every activity and rarely written. Rows (or their
 * versions) are still read each time, so every process sees every other's writes at once.
 */
export const memoByVersion = <A>(decode: (row: unknown) => A, capacity = 2_000) => {
  const cache = new Map<string, A>()
  const keyOf = (row: unknown) => `${(row as Row).id as string}|${String((row as Row).row_version)}`
  return {
    /** The entity of a full row, decoded once per version. */
    from: (row: unknown): A => {
      const key = keyOf(row)
      let entity = cache.get(key)
      if (entity === undefined) {
        entity = decode(row)
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!)
        cache.set(key, entity)
      }
      return entity
    },
    /** The entity remembered for a row's version columns alone, if any. */
    lookup: (row: unknown): A | undefined => cache.get(keyOf(row))
  }
}
