/**
 * Registers the `grade_at_least` plugin with the engine, provides the host service it reads, and awards a badge
 * to whoever completes the course with a good enough grade.
 */
import { Activities, Definitions, Engine, Organisations } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Console, DateTime, Effect, Layer } from "effect"
import { CoursePlatform } from "./CoursePlatform.js"
import { gradeAtLeast } from "./gradeAtLeast.js"

// The plugin is one more entry in the engine's layer; its host service is provided like any other.
const BadgesLive = Engine.make({ plugins: [gradeAtLeast] }).pipe(
  Layer.provide(CoursePlatform.layer),
  Layer.provideMerge(SqliteStore.layer({ filename: ":memory:" }))
)

const program = Effect.gen(function*() {
  const now = yield* DateTime.now
  const organisations = yield* Organisations.Organisations
  const { id: organisationId } = yield* organisations.create({ id: "org-red-cross", name: "Red Cross" })

  const definitions = yield* Definitions.Definitions
  const refused = yield* Effect.flip(definitions.create({
    organisationId,
    name: "First Aid Expert",
    description: "",
    rule: { type: "grade_at_least", course: "first-aid", grade: 120 },
    isCertificate: true
  }))
  yield* Console.log(`refused: ${refused.message}`)

  const { definition } = yield* definitions.create({
    organisationId,
    name: "First Aid Expert",
    description: "Completed first aid with a grade of 80 or more",
    rule: { type: "grade_at_least", course: "first-aid", grade: 80 },
    isCertificate: true
  })

  const activities = yield* Activities.Activities
  for (const person of ["pm-kari-001", "pm-lars-002"]) {
    const { awards } = yield* activities.record({
      organisationId,
      recipientId: person,
      type: "course_completed",
      occurredAt: now,
      attributes: { course: "first-aid" }
    })
    const earned = awards.some((award) => award.definitionId === definition.id)
    yield* Console.log(`${person}: ${earned ? "earned First Aid Expert" : "not yet"}`)
  }
})

Effect.runPromise(program.pipe(Effect.provide(BadgesLive))).catch((error) => {
  console.error(error)
  process.exit(1)
})
