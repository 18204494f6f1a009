import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { recipientDay, RecipientDayRow } from "../src/internal/activityRows.js"

const decode = Schema.decodeUnknownSync(RecipientDayRow)

/** The schema's error for a row, if it refuses it. */
const refusal = (row: unknown): string | undefined => {
  try {
    decode(row)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

describe("a recipient's day read for a backfill", () => {
  it("is the row the schema decodes, with the count as a number, a string or a bigint", () => {
    for (const count of [3, "3", 3n]) {
      const row = { recipientId: "pm-1", type: "session_completed", day: "2026-11-02", count }
      expect(recipientDay(row)).toStrictEqual(decode(row))
    }
  })

  it("refuses what the schema refuses, with its error", () => {
    for (
      const row of [
        { recipientId: "pm-1", type: "session_completed", day: "2026-11-02", count: null },
        { recipientId: "pm-1", type: "session_completed", day: "2026-11-02", count: "many" },
        { recipientId: 7, type: "session_completed", day: "2026-11-02", count: 1 },
        { recipientId: "pm-1", type: "session_completed", count: 1 }
      ]
    ) {
      const message = refusal(row)
      expect(message).toBeDefined()
      expect(() => recipientDay(row)).toThrow(message)
    }
  })
})
