/**
 * The longest run of consecutive whole numbers, counted the slow, obvious way: what the tests check the engine's
 * streaks against.
 */
export const longestRun = (numbers: ReadonlyArray<number>): number => {
  const set = new Set(numbers)
  let best = 0
  for (const start of set) {
    let n = 0
    while (set.has(start + n)) n++
    best = Math.max(best, n)
  }
  return best
}
