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

/**
 * Since 1975 every zone's UTC offset is a whole number of quarter hours (older local mean times are not), so a local
 * date never changes inside a UTC quarter hour after it.
 */
const quarterHour = 15 * 60 * 1000
const quarterHoursSince = Date.UTC(1975, 0, 1)
const days = new Map<string, string>()

/** The local date `YYYY-MM-DD` of an instant in a time zone. */
export const localDay = (instant: DateTime.DateTime, timeZone: string): string => {
  const millis = DateTime.toEpochMillis(instant)
  const key = `${timeZone}\u0000${Math.floor(millis / quarterHour)}`
  let found = millis >= quarterHoursSince ? days.get(key) : undefined
  if (found === undefined) {
    const parts = formatter(timeZone).formatToParts(new Date(millis))
    const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00"
    found = `${get("year")}-${get("month")}-${get("day")}`
    // Formatting is slow next to recording: remembered, within a bound.
    if (millis >= quarterHoursSince) {
      if (days.size >= 50_000) days.clear()
      days.set(key, found)
    }
  }
  return found
}

const dayNumbers = new Map<string, number>()

/** A local date as a count of days since 1970-01-01, so consecutive dates differ by exactly 1. */
export const dayNumber = (day: string): number => {
  let found = dayNumbers.get(day)
  if (found === undefined) {
    const [year, month, date] = day.split("-").map(Number)
    found = Math.round(Date.UTC(year!, month! - 1, date!) / 86_400_000)
    // Streaks and windows read the same few hundred days on every evaluation: remembered, within a bound.
    if (dayNumbers.size >= 50_000) dayNumbers.clear()
    dayNumbers.set(day, found)
  }
  return found
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
