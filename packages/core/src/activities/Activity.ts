/**
 * Activities: what the host app reports its users did. Criteria are evaluated from them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Text } from "../Fields.js"
import { ActivityId, OrganisationId } from "../Ids.js"

/** The id of a recipient in the host app (v1's `peer_mentor_id`). */
export const RecipientId = Text.pipe(Schema.minLength(1), Schema.maxLength(255)).annotations({
  identifier: "RecipientId"
})

/** An activity type, e.g. `session_completed`. */
export const ActivityType = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(100),
  Schema.pattern(/^[A-Za-z0-9_.:-]+$/, { message: () => "must be letters, digits and _ . : -" })
).annotations({ identifier: "ActivityType" })

/** Free-form JSON attributes an activity carries for plugins to read. */
export const Attributes = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** A recorded activity. */
export class Activity extends Schema.Class<Activity>("Activity")({
  id: ActivityId,
  organisationId: OrganisationId,
  recipientId: RecipientId,
  type: ActivityType,
  occurredAt: Schema.DateTimeUtcFromSelf,
  idempotencyKey: Schema.optional(Text.pipe(Schema.minLength(1), Schema.maxLength(255))),
  attributes: Schema.optional(Attributes),
  recordedAt: Schema.DateTimeUtcFromSelf
}) {}

/** A calendar day `YYYY-MM-DD`, in the organisation's time zone. */
export const CalendarDay = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  identifier: "CalendarDay"
})

/** How many activities of one type a recipient did on one day: the aggregate criteria read. */
export interface ActivityDay {
  readonly type: string
  readonly day: string
  readonly count: number
}

/** The result of storing an activity: `inserted` is false when its idempotency key was seen before. */
export interface StoredActivity {
  readonly activity: Activity
  readonly inserted: boolean
}
