/**
 * An outbox entry: one event as written in the transaction of the change it reports, with its place in the outbox.
 * Its `data` is the event's JSON, what a webhook delivers and what an embedded host reads.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"
import type { Award } from "../awards/Award.js"
import type { ClaimCode } from "../claim-codes/ClaimCode.js"
import type { BadgeEvent } from "../Events.js"
import type { Grant } from "../grants/Grant.js"
import { EventId, OrganisationId } from "../Ids.js"

/** The events' names on the wire, as webhooks and the stream give them. */
export const EventType = Schema.Literal(
  "badge.awarded",
  "badge.revoked",
  "badge.expired",
  "grant.offered",
  "grant.accepted",
  "grant.revoked",
  "claim_code.redeemed"
)
/** @since 0.1.0 */
export type EventType = typeof EventType.Type

/** Every event type, for endpoints that want them all. */
export const eventTypes: ReadonlyArray<EventType> = EventType.literals

/** An event in the outbox. */
export class OutboxEntry extends Schema.Class<OutboxEntry>("OutboxEntry")({
  /** Its place: rising in the order the transactions that wrote them committed. */
  position: Schema.Int,
  id: EventId,
  organisationId: OrganisationId,
  type: EventType,
  /** Whose event it is (the recipient's key): events of one key are delivered in their order. */
  orderingKey: Schema.String,
  occurredAt: Schema.DateTimeUtcFromSelf,
  /** The event's JSON. */
  data: Schema.Unknown
}) {}

/** An entry before the outbox gives it its position. */
export type NewOutboxEntry = Omit<OutboxEntry, "position">

const iso = (value: DateTime.Utc | undefined) => value === undefined ? undefined : DateTime.formatIso(value)

/** Drops absent fields, so the JSON has no `undefined` (and no `null` either); a loop, as every award's event calls it. */
const defined = (fields: Record<string, unknown>) => {
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) {
    if (fields[key] !== undefined) kept[key] = fields[key]
  }
  return kept
}

/** An award's JSON in events. */
export const awardData = (award: Award) =>
  defined({
    id: award.id,
    serial: award.serial,
    organisationId: award.organisationId,
    definitionId: award.definitionId,
    recipient: defined({ kind: award.recipient.kind, value: award.recipient.value, name: award.recipient.name }),
    awardedAt: iso(award.awardedAt),
    awardedBy: award.awardedBy,
    source: award.source,
    evidence: award.evidence.map((evidence) => defined({ url: evidence.url, narrative: evidence.narrative })),
    narrative: award.narrative,
    expiresAt: iso(award.expiresAt),
    revokedAt: iso(award.revokedAt),
    revocationReason: award.revocationReason
  })

/** A grant's JSON in events: never its accept key (which is not on the record anyway). */
export const grantData = (grant: Grant) =>
  defined({
    id: grant.id,
    serial: grant.serial,
    organisationId: grant.organisationId,
    definitionId: grant.definitionId,
    profileUri: grant.profileUri,
    email: grant.email,
    name: grant.name,
    status: grant.status,
    awardId: grant.awardId,
    createdAt: iso(grant.createdAt),
    updatedAt: iso(grant.updatedAt)
  })

/** A claim code's JSON in events: never the code or its hash. */
export const claimCodeData = (code: ClaimCode) =>
  defined({ id: code.id, definitionId: code.definitionId, label: code.label, uses: code.uses, limit: code.limit })

/** What an event becomes in the outbox: its wire name, whose it is, its organisation and its JSON. */
export const describe = (event: BadgeEvent): {
  readonly type: EventType
  readonly organisationId: OrganisationId
  readonly orderingKey: string
  readonly data: unknown
} => {
  switch (event._tag) {
    case "BadgeAwarded":
    case "BadgeRevoked":
    case "BadgeExpired":
      return {
        type: event._tag === "BadgeAwarded"
          ? "badge.awarded"
          : event._tag === "BadgeRevoked"
          ? "badge.revoked"
          : "badge.expired",
        organisationId: event.award.organisationId,
        orderingKey: event.award.recipient.key,
        data: { award: awardData(event.award) }
      }
    case "GrantOffered":
    case "GrantAccepted":
    case "GrantRevoked":
      return {
        type: event._tag === "GrantOffered"
          ? "grant.offered"
          : event._tag === "GrantAccepted"
          ? "grant.accepted"
          : "grant.revoked",
        organisationId: event.grant.organisationId,
        orderingKey: event.grant.recipientKey,
        data: { grant: grantData(event.grant) }
      }
    case "ClaimCodeRedeemed":
      return {
        type: "claim_code.redeemed",
        organisationId: event.award.organisationId,
        orderingKey: event.award.recipient.key,
        data: { claimCode: claimCodeData(event.claimCode), award: awardData(event.award) }
      }
  }
}
