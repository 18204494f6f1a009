/**
 * A host app that embeds badge-engine: SQLite in memory, two badges, a week of a mentor's sessions,
 * the awards as they happen, and the "locked badges" screen at the end.
 */
import { Activities, BadgeEvents, Definitions, Engine, isAwardEvent, Organisations, Progress } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Console, DateTime, Effect, Layer, Stream } from "effect"

// The whole engine on SQLite is one layer.
const BadgesLive = Engine.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename: ":memory:" })))

const program = Effect.gen(function*() {
  // Organisations are usually created once, by an operator (`badge-engine organisations create`).
  const organisations = yield* Organisations.Organisations
  const { id: organisationId } = yield* organisations.create({
    id: "org-nhf-oslo",
    name: "NHF Oslo",
    timezone: "Europe/Oslo"
  })

  // Listen for awards, as a host app would to send a notification.
  const events = yield* BadgeEvents
  const subscription = yield* events.subscribe
  yield* subscription.pipe(
    Stream.filter(isAwardEvent),
    Stream.runForEach((event) => Console.log(`  event ${event._tag} for ${event.award.recipient.value}`)),
    Effect.fork
  )

  const definitions = yield* Definitions.Definitions
  yield* definitions.create({
    organisationId,
    name: "First Session",
    description: "Awarded after completing your first peer mentoring session",
    rule: { type: "session_count", threshold: 1 }
  })
  yield* definitions.create({
    organisationId,
    name: "Three Day Streak",
    description: "Mentored three days in a row",
    rule: { type: "streak_days", threshold: 3 }
  })

  const activities = yield* Activities.Activities
  for (const day of ["2026-03-02", "2026-03-03", "2026-03-04"]) {
    const { awards } = yield* activities.record({
      organisationId,
      recipientId: "pm-kari-001",
      type: "session_completed",
      occurredAt: DateTime.unsafeMake(`${day}T17:00:00Z`),
      idempotencyKey: `session-${day}`
    })
    yield* Console.log(`${day}: ${awards.length === 0 ? "no new badge" : `earned ${awards.length} badge(s)`}`)
    yield* Effect.yieldNow()
  }

  const progress = yield* Effect.flatMap(Progress.Progress, (p) => p.forRecipient(organisationId, "pm-kari-001"))
  for (const { current, definition, earned, target } of progress) {
    yield* Console.log(`${earned ? "✔" : "🔒"} ${definition.name}: ${Math.min(current, target)}/${target}`)
  }
})

Effect.runPromise(program.pipe(Effect.provide(BadgesLive), Effect.scoped)).catch((error) => {
  console.error(error)
  process.exit(1)
})
