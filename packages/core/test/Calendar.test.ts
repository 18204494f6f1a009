import { describe, expect, it } from "@effect/vitest"
import { DateTime } from "effect"
import * as fc from "fast-check"
import { addDays, dayNumber, localDay, longestStreak } from "../src/activities/Calendar.js"
import { longestRun } from "./longestRun.js"

const at = (iso: string) => DateTime.unsafeMake(iso)

describe("Calendar", () => {
  it("counts the local date in the organisation's time zone, not UTC", () => {
    // 23:30 UTC on 1 March is already 2 March in Oslo (UTC+1) and still 1 March in New York.
    expect(localDay(at("2026-03-01T23:30:00Z"), "Europe/Oslo")).toBe("2026-03-02")
    expect(localDay(at("2026-03-01T23:30:00Z"), "America/New_York")).toBe("2026-03-01")
    expect(localDay(at("2026-03-01T23:30:00Z"), "UTC")).toBe("2026-03-01")
  })

  it("keeps local midnight boundaries across the spring DST change", () => {
    // Oslo moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
    expect(localDay(at("2026-03-28T22:59:00Z"), "Europe/Oslo")).toBe("2026-03-28")
    expect(localDay(at("2026-03-28T23:00:00Z"), "Europe/Oslo")).toBe("2026-03-29")
    expect(localDay(at("2026-03-29T21:59:00Z"), "Europe/Oslo")).toBe("2026-03-29")
    expect(localDay(at("2026-03-29T22:00:00Z"), "Europe/Oslo")).toBe("2026-03-30")
  })

  it("keeps local midnight boundaries across the autumn DST change", () => {
    // Oslo moves back to UTC+1 at 01:00 UTC on 25 October 2026: that local day has 25 hours.
    expect(localDay(at("2026-10-24T21:59:00Z"), "Europe/Oslo")).toBe("2026-10-24")
    expect(localDay(at("2026-10-24T22:00:00Z"), "Europe/Oslo")).toBe("2026-10-25")
    expect(localDay(at("2026-10-25T22:59:00Z"), "Europe/Oslo")).toBe("2026-10-25")
    expect(localDay(at("2026-10-25T23:00:00Z"), "Europe/Oslo")).toBe("2026-10-26")
  })

  it("numbers consecutive dates one apart, across month, year and DST boundaries", () => {
    expect(dayNumber("2026-03-01") - dayNumber("2026-02-28")).toBe(1)
    expect(dayNumber("2027-01-01") - dayNumber("2026-12-31")).toBe(1)
    expect(dayNumber("2026-03-30") - dayNumber("2026-03-29")).toBe(1)
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29")
  })

  it("finds the longest run of consecutive dates, whatever the order and repeats", () => {
    expect(longestStreak([])).toBe(0)
    expect(longestStreak(["2026-03-05"])).toBe(1)
    expect(longestStreak(["2026-03-03", "2026-03-01", "2026-03-02", "2026-03-02", "2026-03-10"])).toBe(3)
    expect(longestStreak(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-03"])).toBe(3)
  })

  it("agrees with a brute-force count of the longest streak for any set of days", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }), (offsets) => {
        const days = offsets.map((n) => addDays("2026-03-01", n))
        expect(longestStreak(days)).toBe(longestRun(offsets))
      })
    )
  })

  it("remembers local dates without ever changing one, in zones of odd offsets and across their changes", () => {
    const zones = ["Asia/Kathmandu", "Pacific/Chatham", "Australia/Eucla", "America/St_Johns", "Europe/Oslo", "UTC"]
    const fresh = (millis: number, timeZone: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(millis)
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...zones),
        (millis, zone) => {
          // Twice: the second answer comes from memory.
          expect(localDay(DateTime.unsafeMake(millis), zone)).toBe(fresh(millis, zone))
          expect(localDay(DateTime.unsafeMake(millis + 60_000), zone)).toBe(fresh(millis + 60_000, zone))
        }
      ),
      { numRuns: 2000 }
    )
  })
})
