/**
 * The engine's scenarios, written once and run over every storage adapter.
 *
 * @since 0.1.0
 */
import { Activities, Definitions, Engine, JobWorker, type Stores } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { describe, expect, layer } from "@effect/vitest"
import { DateTime, Effect, Layer } from "effect"
import { apiKeys } from "./apiKeys.js"
import { awarding } from "./awarding.js"
import { backfill } from "./backfill.js"
import { badgekitKeys } from "./badgekitKeys.js"
import { claimCodes } from "./claimCodes.js"
import { concurrentRecording } from "./concurrentRecording.js"
import { definitions } from "./definitions.js"
import { grants } from "./grants.js"
import { images } from "./images.js"
import { issuerKeys } from "./issuerKeys.js"
import { jobs } from "./jobs.js"
import * as Notices from "./notices.js"
import { outbox } from "./outbox.js"
import { gradeAtLeast, onboardedAndActive, Onboarding } from "./plugins.js"
import { policy } from "./policy.js"
import { properties } from "./properties.js"
import { publicBadges } from "./publicBadges.js"
import { recording } from "./recording.js"
import { serverSecrets } from "./serverSecrets.js"
import { streaks } from "./streaks.js"
import { define, heldBy, record, setup } from "./support.js"
import { tenancy } from "./tenancy.js"
import { webhooks } from "./webhooks.js"

/** Options for one adapter's run. */
export interface ScenarioOptions {
  /** Runs per property test; each run makes its own organisations. */
  readonly propertyRuns?: number
}

/**
 * Declares the engine scenarios over a store layer (with the `SqlClient` under it, for reading rows as stored).
 * Background backfills are off so that every award a test sees was made by the call it makes; grant notices are
 * recorded.
 */
export const engineScenarios = (
  name: string,
  store: Layer.Layer<Stores | SqlClient.SqlClient, unknown>,
  options: ScenarioOptions = {}
): void => {
  const engine = Engine.layer.pipe(
    Layer.provideMerge(store),
    Layer.provide(Layer.succeed(Definitions.AutoBackfill, false)),
    Layer.provideMerge(Notices.layer)
  )
  layer(engine, { timeout: "60 seconds" })(`Engine scenarios: ${name}`, (it) => {
    describe("recording activities", () => recording(it))
    describe("concurrent recording", () => concurrentRecording(it))
    describe("streaks", () => streaks(it))
    describe("definitions", () => definitions(it))
    describe("awarding", () => awarding(it))
    describe("backfill and progress", () => backfill(it))
    describe("grants", () => grants(it))
    describe("server secrets", () => serverSecrets(it))
    describe("claim codes", () => claimCodes(it))
    describe("uploaded images", () => images(it))
    describe("BadgeKit consumer keys and server-scoped slugs", () => badgekitKeys(it))
    describe("public Open Badges records", () => publicBadges(it))
    describe("Open Badges 3.0 issuer keys and status lists", () => issuerKeys(it))
    describe("who may do what", () => policy(it))
    describe("API keys", () => apiKeys(it))
    describe("organisations, issuers and programs", () => tenancy(it))
    describe("properties", () => properties(it, options.propertyRuns ?? 20))
  })

  // As a server runs it: a new or changed rule starts a backfill in the background.
  layer(Engine.layer.pipe(Layer.provideMerge(store)), { timeout: "60 seconds" })(
    `Engine background backfill: ${name}`,
    (it) => {
      it.effect("a definition created after the activities is awarded to existing recipients in the background", () =>
        Effect.gen(function*() {
          const org = yield* setup()
          yield* record(org.id, "pm-1", "session_completed", "2026-03-01T12:00:00Z")
          yield* record(org.id, "pm-2", "training_completed", "2026-03-01T12:00:00Z")
          const def = yield* define(org.id, { name: "Late badge", rule: { type: "session_count", threshold: 1 } })
          // Wait in real time (the test clock does not move by itself) for the background run to finish.
          let held: ReadonlyArray<string> = []
          for (let i = 0; i < 1000 && held.length === 0; i++) {
            yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
            held = yield* heldBy(org.id, "pm-1")
          }
          expect(held).toEqual([def.id])
          expect(yield* heldBy(org.id, "pm-2")).toEqual([])
        }))
    }
  )

  // Durable work: rules enqueue their backfills, and no worker runs but those the tests start.
  const durable = Engine.layer.pipe(
    Layer.provideMerge(store),
    Layer.provide(Layer.succeed(JobWorker.Settings, { ...JobWorker.Settings.defaultValue(), enabled: false }))
  )
  layer(durable, { timeout: "60 seconds" })(`Engine durable work: ${name}`, (it) => {
    describe("jobs", () => jobs(it))
    describe("the outbox", () => outbox(it))
    describe("webhooks", () => webhooks(it))
  })

  const withPlugin = Engine.make({ plugins: [onboardedAndActive, gradeAtLeast] }).pipe(
    Layer.provideMerge(store),
    Layer.provide(Onboarding.layer),
    Layer.provide(Layer.succeed(Definitions.AutoBackfill, false))
  )
  layer(withPlugin, { timeout: "60 seconds" })(`Engine plugins: ${name}`, (it) => {
    it.effect("a plugin criteria type validates its parameters and reads a host service", () =>
      Effect.gen(function*() {
        const org = yield* setup()
        const bad = yield* Effect.flip(define(org.id, { rule: { type: "onboarded_and_active", sessions: -1 } }))
        expect(bad).toMatchObject({ _tag: "InvalidInput", field: "rule.sessions" })
        const def = yield* define(org.id, { name: "Ready", rule: { type: "onboarded_and_active", sessions: 2 } })
        for (const recipient of ["done-kari", "new-ola"]) {
          yield* record(org.id, recipient, "session_completed", "2026-03-01T12:00:00Z")
          yield* record(org.id, recipient, "session_completed", "2026-03-02T12:00:00Z")
        }
        expect(yield* heldBy(org.id, "done-kari")).toEqual([def.id])
        expect(yield* heldBy(org.id, "new-ola")).toEqual([])
      }))

    it.effect("a plugin reads the attributes of the activity being recorded", () =>
      Effect.gen(function*() {
        const org = yield* setup()
        const def = yield* define(org.id, { name: "Top marks", rule: { type: "grade_at_least", grade: 90 } })
        const activities = yield* Activities.Activities
        const exam = (recipientId: string, grade: number) =>
          activities.record({
            organisationId: org.id,
            recipientId,
            type: "exam_passed",
            occurredAt: DateTime.unsafeMake("2026-03-01T12:00:00Z"),
            attributes: { grade }
          })
        expect((yield* exam("pm-1", 72)).awards).toEqual([])
        expect((yield* exam("pm-1", 95)).awards.map((a) => a.definitionId)).toEqual([def.id])
      }))
  })
}
