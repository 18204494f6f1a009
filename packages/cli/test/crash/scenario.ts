/**
 * The crash scenario: activities, manual awards and a rule change in flight against a server process, `kill -9`,
 * a restart on the same database, and then the checks: every acknowledged write is there, replays give the first
 * result, the rule change's awards are all made, and every committed award reached the webhook receiver.
 */
import {
  Activities,
  ActivityStore,
  ApiKeys,
  AwardStore,
  BackfillJob,
  Definitions,
  Engine,
  JobStore,
  JobWorker,
  type OrganisationId,
  Organisations,
  WebhookDestinations,
  Webhooks
} from "@badge-engine/core"
import { DateTime, Effect, Layer, Redacted } from "effect"
import { expect } from "vitest"
import * as Database from "../../src/Database.js"
import { startReceiver } from "./Receiver.js"
import { startServer, stopServer } from "./ServerProcess.js"

/** What the scenario measured. */
export interface Figures {
  readonly acknowledged: number
  readonly lost: number
  readonly replaysDiffering: number
  readonly ruleAwards: number
  readonly qualifying: number
  readonly backfillAttempts: number
  readonly awardsCommitted: number
  readonly deliveries: number
  readonly duplicates: number
  readonly undelivered: number
}

const seeded = 1500

/** The engine in this process over the same database, running no worker of its own. */
const engineOver = (database: string) =>
  Engine.layer.pipe(
    Layer.provideMerge(Database.layer(database)),
    Layer.provide(Layer.succeed(JobWorker.Settings, { ...JobWorker.Settings.defaultValue(), enabled: false })),
    // The receiver listens on this machine.
    Layer.provide(WebhookDestinations.layerPrivateNetworks)
  )

const inProcess = <A, E>(database: string, effect: Effect.Effect<A, E, any>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.provide(engineOver(database)), Effect.scoped) as Effect.Effect<A, E, never>)

const post = (base: string, path: string, key: string, body: unknown, method = "POST") =>
  fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body)
  }).then(async (response) => ({ status: response.status, body: await response.json() as any }))

/** Waits until `holds` (checked every 200 ms), for up to `seconds`. */
const until = async (holds: () => Promise<boolean>, seconds: number) => {
  for (let i = 0; i < seconds * 5; i++) {
    if (await holds()) return true
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return holds()
}

export const crashScenario = async (database: string): Promise<Figures> => {
  const receiver = await startReceiver()
  const organisationId = `org-crash-${process.pid}-${Date.now().toString(36)}` as OrganisationId
  // Set up as a host app would, in this process: an organisation, keys, an endpoint, two badges, 1,500 recipients.
  const setup = await inProcess(
    database,
    Effect.gen(function*() {
      yield* Effect.flatMap(Organisations.Organisations, (o) => o.create({ id: organisationId, name: "Crash test" }))
      const keys = yield* ApiKeys.ApiKeys
      const key = (role: "admin" | "system") =>
        Effect.map(keys.create({ role, organisationId }), (made) => Redacted.value(made.key))
      const { secret } = yield* Effect.flatMap(
        Webhooks.Webhooks,
        (w) => w.register({ organisationId, url: receiver.url })
      )
      const definitions = yield* Definitions.Definitions
      const rule = yield* definitions.create({
        organisationId,
        name: "Regular",
        rule: { type: "session_count", threshold: 3 }
      })
      const manual = yield* definitions.create({ organisationId, name: "Thanks", unique: false })
      const recorder = yield* Activities.Activities
      const occurredAt = DateTime.unsafeMake("2026-03-01T12:00:00Z")
      for (let start = 0; start < seeded; start += 500) {
        yield* recorder.recordBatch(
          Array.from({ length: 500 }, (_, i) => ({
            organisationId,
            recipientId: `seed-${String(start + i).padStart(4, "0")}`,
            type: "session_completed",
            occurredAt,
            idempotencyKey: `seed-${start + i}`
          }))
        )
      }
      return {
        admin: yield* key("admin"),
        system: yield* key("system"),
        secret: Redacted.value(secret),
        ruleId: rule.definition.id,
        manualId: manual.definition.id
      }
    })
  )
  receiver.secret = setup.secret

  let server = await startServer(database, 2)
  // The load: activities and manual awards from 8 clients at once, and the rule change half way.
  const activities = new Map<string, { readonly id: string; readonly awards: ReadonlyArray<string> }>()
  const manualAwards = new Set<string>()
  let sent = 0
  let ruleChanged = false
  let killed = false
  const requests = [
    ...Array.from({ length: 240 }, (_, i) => ({ kind: "activity" as const, i })),
    ...Array.from({ length: 80 }, (_, i) => ({ kind: "award" as const, i }))
  ].sort((a, b) => (a.i * 7919 + (a.kind === "award" ? 1 : 0)) % 97 - (b.i * 7919 + (b.kind === "award" ? 1 : 0)) % 97)
  const kill = async () => {
    if (killed) return
    killed = true
    await stopServer(server, "SIGKILL")
  }
  const client = async () => {
    for (let next = requests.shift(); next !== undefined; next = requests.shift()) {
      sent++
      if (sent === 100) {
        // The rule change: once it is answered, the server dies while its backfill runs.
        const changed = await post(server.base, `/api/v1/badge-definitions/${setup.ruleId}`, setup.admin, {
          criteria: { type: "session_count", threshold: 1 }
        }, "PUT").catch(() => undefined)
        ruleChanged = changed?.status === 200
        setTimeout(kill, 30)
      }
      try {
        if (next.kind === "activity") {
          const key = `live-${next.i}`
          const answer = await post(server.base, "/api/v1/activities", setup.system, {
            organisation_id: organisationId,
            peer_mentor_id: `live-${String(next.i).padStart(4, "0")}`,
            type: "session_completed",
            occurred_at: "2026-03-02T12:00:00Z",
            idempotency_key: key
          })
          if (answer.status === 201 || answer.status === 200) {
            activities.set(key, { id: answer.body.id, awards: answer.body.awards.map((a: { id: string }) => a.id) })
          }
        } else {
          const answer = await post(server.base, "/api/v1/earned-badges", setup.system, {
            badge_definition_id: setup.manualId,
            peer_mentor_id: `hand-${next.i}`
          })
          if (answer.status === 201) manualAwards.add(answer.body.id)
        }
      } catch {
        // Not acknowledged: the server died under it.
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, client))
  await kill()
  expect(ruleChanged).toBe(true)

  // The restart on the same database.
  server = await startServer(database, 2)
  try {
    let replaysDiffering = 0
    for (const [key, first] of activities) {
      const i = Number(key.slice("live-".length))
      const again = await post(server.base, "/api/v1/activities", setup.system, {
        organisation_id: organisationId,
        peer_mentor_id: `live-${String(i).padStart(4, "0")}`,
        type: "session_completed",
        occurred_at: "2026-03-02T12:00:00Z",
        idempotency_key: key
      })
      const same = again.body.replayed === true && again.body.id === first.id &&
        JSON.stringify(again.body.awards.map((a: { id: string }) => a.id)) === JSON.stringify(first.awards)
      if (!same) replaysDiffering++
    }
    const checks = await inProcess(
      database,
      Effect.gen(function*() {
        const awards = yield* AwardStore
        let lost = 0
        for (const id of manualAwards) if ((yield* awards.get(id as never))._tag === "None") lost++
        return { lost }
      })
    )
    // The rule change's backfill, taken over after the lease, awards every recipient with a session.
    const state = () =>
      inProcess(
        database,
        Effect.gen(function*() {
          const qualifying = yield* Effect.flatMap(ActivityStore, (store) => store.countRecipients(organisationId))
          const ruleAwards = yield* Effect.flatMap(AwardStore, (store) =>
            store.list(
              { organisationId, definitionId: setup.ruleId as never },
              { page: 1, limit: 1 },
              DateTime.unsafeNow()
            ))
          const all = yield* Effect.flatMap(AwardStore, (store) =>
            store.list(
              { organisationId, includeRevoked: true, includeExpired: true },
              { page: 1, limit: 1 },
              DateTime.unsafeNow()
            ))
          const jobs = yield* Effect.flatMap(JobStore, (store) =>
            store.list({ organisationId, kind: BackfillJob.kind }, 10))
          return { qualifying, ruleAwards: ruleAwards.total, awardsCommitted: all.total, jobs }
        })
      )
    let last = await state()
    await until(async () => {
      last = await state()
      return last.ruleAwards >= last.qualifying && last.jobs.every((job) => job.state === "succeeded")
    }, 90)
    // Every committed award reaches the receiver at least once.
    const awardIds = await inProcess(
      database,
      Effect.gen(function*() {
        const store = yield* AwardStore
        const ids: Array<string> = []
        for (let page = 1;; page++) {
          const found = yield* store.list(
            { organisationId, includeRevoked: true, includeExpired: true },
            { page, limit: 100 },
            DateTime.unsafeNow()
          )
          ids.push(...found.items.map((award) => award.id))
          if (found.items.length < 100) return ids
        }
      })
    )
    await until(async () => awardIds.every((id) => receiver.awarded.has(id)), 120)
    const changedJob = last.jobs[0]!
    expect(server.output()).not.toContain(setup.secret)
    expect(receiver.bad).toBe(0)
    return {
      acknowledged: activities.size + manualAwards.size + 1,
      lost: checks.lost,
      replaysDiffering,
      ruleAwards: last.ruleAwards,
      qualifying: last.qualifying,
      backfillAttempts: changedJob.attempts,
      awardsCommitted: awardIds.length,
      deliveries: receiver.total,
      duplicates: [...receiver.byEvent.values()].reduce((sum, n) => sum + n - 1, 0),
      undelivered: awardIds.filter((id) => !receiver.awarded.has(id)).length
    }
  } finally {
    await stopServer(server, "SIGTERM")
    await receiver.close()
  }
}
