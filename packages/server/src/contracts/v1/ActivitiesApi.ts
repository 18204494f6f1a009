/**
 * Beyond the seeds, what using the engine over HTTP needs: reporting activities and reading progress. Paths are
 * below the v1 prefix.
 *
 * @since 0.1.0
 */
import { ActivityType, Attributes, IsoTimestamp } from "@badge-engine/core"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { Authentication } from "./Credentials.js"
import { EarnedBadgeJson } from "./EarnedBadgesApi.js"
import { V1Error } from "./Errors.js"
import { IdParam, PeerMentorId, Timestamp } from "./Schemas.js"

/** The body of an activity report. */
export const ReportActivity = Schema.Struct({
  organisation_id: IdParam,
  peer_mentor_id: PeerMentorId,
  type: ActivityType,
  occurred_at: IsoTimestamp,
  idempotency_key: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(255))),
  attributes: Schema.optional(Attributes)
}).annotations({ identifier: "ReportActivity" })

/** The answer to an activity report: the activity and the awards it caused. */
export const ActivityResultJson = Schema.Struct({
  id: Schema.String,
  organisation_id: Schema.String,
  peer_mentor_id: Schema.String,
  type: Schema.String,
  occurred_at: Timestamp,
  idempotency_key: Schema.NullOr(Schema.String),
  replayed: Schema.Boolean,
  awards: Schema.Array(EarnedBadgeJson)
}).annotations({ identifier: "ActivityResult" })

/** One definition's progress for a peer mentor. */
export const ProgressJson = Schema.Struct({
  badge_definition_id: Schema.String,
  name: Schema.String,
  icon_url: Schema.NullOr(Schema.String),
  locked_icon_url: Schema.NullOr(Schema.String),
  earned: Schema.Boolean,
  current: Schema.Number,
  target: Schema.Number
}).annotations({ identifier: "Progress" })

/** The activities and progress group. */
export class ActivitiesApi extends HttpApiGroup.make("activities")
  .add(
    HttpApiEndpoint.post("report", "/activities")
      .setPayload(ReportActivity)
      .addSuccess(ActivityResultJson, { status: 201 })
      .annotate(OpenApi.Summary, "Report an activity; answers with the awards it caused (system)")
      .annotate(
        OpenApi.Description,
        "A replayed idempotency_key changes nothing and answers with the first result (replayed: true)."
      )
  )
  .add(
    HttpApiEndpoint.get("progress", "/progress")
      .setUrlParams(Schema.Struct({ peer_mentor_id: PeerMentorId, organisation_id: Schema.optional(IdParam) }))
      .addSuccess(Schema.Struct({ data: Schema.Array(ProgressJson) }))
      .annotate(OpenApi.Summary, "A peer mentor's progress on every active badge (itself; coordinator, admin, system)")
  )
  .addError(V1Error)
  .middleware(Authentication)
{}
