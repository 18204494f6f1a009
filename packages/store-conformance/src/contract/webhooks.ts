import {
  type EventId,
  type JobId,
  type ServerSecretId,
  type Stores,
  WebhookAttempt,
  WebhookEndpoint,
  type WebhookEndpointId,
  WebhookStore
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Option } from "effect"
import { hoursAfter, organisation, t0, uniqueId } from "../fixtures.js"

type It = Vitest.MethodsNonLive<Stores>

/** The webhooks port. */
export const webhooks = (it: It) => {
  it.effect("stores endpoints, lists an organisation's, changes and removes one", () =>
    Effect.gen(function*() {
      const store = yield* WebhookStore
      const org = yield* organisation()
      const other = yield* organisation()
      const endpoint = (organisationId = org.id, createdAt = t0) =>
        new WebhookEndpoint({
          id: uniqueId("whk") as WebhookEndpointId,
          organisationId,
          url: "https://hooks.example.org/badges",
          eventTypes: ["badge.awarded", "badge.revoked"],
          secretId: "secret-1" as ServerSecretId,
          enabled: true,
          createdAt,
          updatedAt: createdAt
        })
      const first = yield* store.create(endpoint())
      const second = yield* store.create(endpoint(org.id, hoursAfter(1)))
      yield* store.create(endpoint(other.id))
      expect((yield* store.list(org.id)).map((e) => e.id)).toEqual([first.id, second.id])
      const read = Option.getOrThrow(yield* store.get(first.id))
      expect(read.eventTypes).toEqual(["badge.awarded", "badge.revoked"])
      expect(read.enabled).toBe(true)
      const disabled = new WebhookEndpoint({ ...read, enabled: false, eventTypes: [], updatedAt: hoursAfter(2) })
      expect(Option.getOrThrow(yield* store.save(disabled))).toMatchObject({ enabled: false, eventTypes: [] })
      expect((yield* store.enabledFor([org.id, other.id])).map((e) => e.organisationId).sort()).toEqual(
        [org.id, other.id].sort()
      )
      expect(yield* store.remove(second.id)).toBe(true)
      expect(yield* store.remove(second.id)).toBe(false)
      expect(Option.isNone(yield* store.save(new WebhookEndpoint({ ...second })))).toBe(true)
      expect((yield* store.list(org.id)).map((e) => e.id)).toEqual([first.id])
    }))

  it.effect("records delivery attempts and lists an endpoint's newest first", () =>
    Effect.gen(function*() {
      const store = yield* WebhookStore
      const endpointId = uniqueId("whk") as WebhookEndpointId
      const attempt = (n: number, statusCode?: number, error?: string) =>
        new WebhookAttempt({
          id: uniqueId("att"),
          endpointId,
          jobId: "job-1" as JobId,
          eventId: "evt-1" as EventId,
          eventType: "badge.awarded",
          attempt: n,
          statusCode,
          durationMs: 12,
          error,
          attemptedAt: hoursAfter(n)
        })
      yield* store.recordAttempt(attempt(1, undefined, "timed out"))
      yield* store.recordAttempt(attempt(2, 500, "HTTP 500"))
      yield* store.recordAttempt(attempt(3, 204))
      const log = yield* store.attempts(endpointId, 10)
      expect(log.map((a) => [a.attempt, a.statusCode, a.error, a.delivered])).toEqual([
        [3, 204, undefined, true],
        [2, 500, "HTTP 500", false],
        [1, undefined, "timed out", false]
      ])
      expect(yield* store.attempts(endpointId, 1)).toHaveLength(1)
    }))
}
