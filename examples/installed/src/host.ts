import { Activities, Definitions, Engine, Organisations, Progress } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Console, DateTime, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const { id: organisationId } = yield* (yield* Organisations.Organisations).create({ id: "org-1", name: "Oslo" })
  const rule = { type: "session_count", threshold: 2 } as const
  yield* (yield* Definitions.Definitions).create({ organisationId, name: "Første økt", rule })
  const session = { organisationId, recipientId: "kari", type: "session_completed", occurredAt: DateTime.unsafeNow() }
  const { awards } = yield* (yield* Activities.Activities).recordBatch([session, session])
  const states = yield* (yield* Progress.Progress).forRecipient(organisationId, "kari")
  yield* Console.log(`${awards.length} awarded`, states.map((s) => `${s.definition.slug} ${s.current}/${s.target}`))
})
const BadgesLive = Engine.layer.pipe(Layer.provide(SqliteStore.layer({ filename: ":memory:" })))
Effect.runPromise(program.pipe(Effect.provide(BadgesLive)))
