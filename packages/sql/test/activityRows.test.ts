import { Activity, type ActivityId, type OrganisationId } from "@badge-engine/core"
import { DateTime, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  activityInsertRow,
  ActivityRow,
  recipientDay,
  RecipientDayRow,
  recipientInsertRow,
  RecipientRow
} from "../src/internal/activityRows.js"

const at = DateTime.unsafeMake("2026-03-01T08:00:00.000Z")

const bare = new Activity({
  id: "act-1" as ActivityId,
  organisationId: "org-1" as OrganisationId,
  recipientId: "pm-1",
  type: "session_completed",
  occurredAt: DateTime.subtract(at, { hours: 3 }),
  recordedAt: at
})

const full = new Activity({
  ...bare,
  idempotencyKey: "key-1",
  attributes: { minutes: 45, tags: ["a", "b"], nested: { ok: true, none: null } }
})

describe("the rows of a recorded activity", () => {
  it("are the rows the activity and recipient schemas encode, with and without the optional fields", () => {
    for (const activity of [bare, full]) {
      expect(activityInsertRow(activity)).toStrictEqual(Schema.encodeSync(ActivityRow)(activity))
      expect(recipientInsertRow(activity.organisationId, activity.recipientId, activity.recordedAt)).toStrictEqual(
        Schema.encodeSync(RecipientRow)({
          organisationId: activity.organisationId,
          recipientId: activity.recipientId,
          firstSeenAt: activity.recordedAt
        })
      )
    }
  })
})

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
