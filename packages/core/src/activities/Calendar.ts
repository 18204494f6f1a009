/**
 * Calendar days in an organisation's time zone. Days are counted on local dates, never by adding 24 hours,
 * so DST changes and midnight boundaries fall where people expect them.
 *
 * @since 0.1.0
 */
import { DateTime } from "effect"

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let found = formatters.get(timeZone)
  if (found === undefined) {
    found = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    formatters.set(timeZone, found)
  }
  return found
}

// The last day found per time zone: a backfill asks for the same instant's day once per recipient.
const lastDays = new Map<string, { readonly epochMillis: number; readonly day: string }>()

/** The local date `YYYY-MM-DD` of an instant in a time zone. */
export const localDay = (instant: DateTime.DateTime, timeZone: string): string => {
  const epochMillis = DateTime.toEpochMillis(instant)
  const last = lastDays.get(timeZone)
  if (last !== undefined && last.epochMillis === epochMillis) return last.day
  const parts = formatter(timeZone).formatToParts(new Date(epochMillis))
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00"
  const day = `${get("year")}-${get("month")}-${get("day")}`
  lastDays.set(timeZone, { epochMillis, day })
  return day
}

/** A local date as a count of days since 1970-01-01, so consecutive dates differ by exactly 1. */
export const dayNumber = (day: string): number => {
  const [year, month, date] = day.split("-").map(Number)
  return Math.round(Date.UTC(year!, month! - 1, date!) / 86_400_000)
}

/** The local date `n` days after `day` (or before, for negative `n`). */
export const addDays = (day: string, n: number): string =>
  new Date((dayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10)

/** The longest run of consecutive dates among `days` (any order, duplicates allowed). */
export const longestStreak = (days: Iterable<string>): number => {
  const numbers = Array.from(new Set(Array.from(days, dayNumber))).sort((a, b) => a - b)
  let longest = 0
  let run = 0
  for (let i = 0; i < numbers.length; i++) {
    run = i > 0 && numbers[i]! === numbers[i - 1]! + 1 ? run + 1 : 1
    if (run > longest) longest = run
  }
  return longest
}
