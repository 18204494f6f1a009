/**
 * Partial updates, one rule for every record: an absent field stays as it is, `null` clears an optional field,
 * any other value replaces it.
 *
 * @since 0.1.0
 */

/** The fields of `current` with `patch` applied. */
export const apply = <A extends object>(current: A, patch: object): A => {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key]
    else if (value !== undefined) next[key] = value
  }
  return next as A
}

/** Whether a patch changes anything at all. */
export const isEmpty = (patch: object): boolean => Object.values(patch).every((value) => value === undefined)
