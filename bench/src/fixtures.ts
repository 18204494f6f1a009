/**
 * What the benchmarks share: an organisation, a realistic set of rules, deterministic activities.
 */
import {
  type BadgeDefinitionId,
  Definitions,
  Organisation,
  type OrganisationId,
  TenancyStore
} from "@badge-engine/core"
import { DateTime, Effect } from "effect"

/** A new organisation in UTC. */
export const organisation = (id: string) =>
  Effect.gen(function*() {
    const tenancy = yield* TenancyStore
    const now = yield* DateTime.now
    return yield* tenancy.createOrganisation(
      new Organisation({
        id: id as OrganisationId,
        slug: id,
        name: `Bench ${id}`,
        timezone: "UTC",
        createdAt: now,
        updatedAt: now
      })
    )
  })

/** Creates a definition with a rule through the engine, as a host app does. */
export const define = (
  organisationId: OrganisationId,
  name: string,
  rule: Record<string, unknown> & { type: string }
) =>
  Effect.flatMap(Definitions.Definitions, (definitions) =>
    Effect.map(
      definitions.create({ organisationId, name, rule: rule as never }),
      (view) => view.definition.id
    ))

/**
 * Ten active rules in the mix a host app has: counts, a streak, recent activity, a badge that needs other badges
 * and a composite.
 */
export const tenRules = (organisationId: OrganisationId) =>
  Effect.gen(function*() {
    const ids: Array<BadgeDefinitionId> = []
    const add = (name: string, rule: Record<string, unknown> & { type: string }) =>
      Effect.map(define(organisationId, name, rule), (id) => {
        ids.push(id)
        return id
      })
    const first = yield* add("First session", { type: "session_count", threshold: 1 })
    yield* add("Ten sessions", { type: "session_count", threshold: 10 })
    const trained = yield* add("Trained", { type: "training_completion_count", threshold: 2 })
    yield* add("Three-day streak", { type: "streak_days", threshold: 3 })
    yield* add("Week of sessions", { type: "streak_days", threshold: 7, activity_type: "session_completed" })
    yield* add("Busy week", { type: "activity_count", threshold: 8, last_days: 7 })
    yield* add("Monthly logins", { type: "activity_count", threshold: 5, activity_type: "login", last_days: 30 })
    yield* add("Ready", { type: "badges_earned", definitions: [first, trained] })
    yield* add("All-rounder", {
      type: "all_of",
      rules: [{ type: "session_count", threshold: 5 }, { type: "training_completion_count", threshold: 3 }]
    })
    yield* add("Regular", { type: "activity_count", threshold: 20 })
    return ids
  })

/** A small deterministic generator, so every run records the same activities. */
export const random = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An activity to record. */
export interface Planned {
  readonly recipientId: string
  readonly type: string
  readonly occurredAt: DateTime.Utc
}

/** `count` activities over `recipients` recipients and the last 30 days: mostly sessions, some trainings. */
export const plannedActivities = (count: number, recipients: number, now: DateTime.Utc): ReadonlyArray<Planned> => {
  const next = random(42)
  return Array.from({ length: count }, () => {
    const r = next()
    return {
      recipientId: `r-${String(Math.floor(next() * recipients)).padStart(6, "0")}`,
      type: r < 0.6 ? "session_completed" : r < 0.85 ? "training_completed" : "login",
      occurredAt: DateTime.subtract(now, { minutes: Math.floor(next() * 30 * 24 * 60) })
    }
  })
}
