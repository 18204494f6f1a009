import { Activity, type ActivityId, type OrganisationId } from "@badge-engine/core"
import { DateTime, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { activityInsertRow, ActivityRow, recipientInsertRow, RecipientRow } from "../src/internal/activityRows.js"

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
