/**
 * A webhook delivery as a durable job: one per endpoint and event, POSTed as JSON with the Standard Webhooks headers,
 * each attempt recorded, retried on the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: over a
 * day) and kept in order per endpoint and recipient (the jobs share an ordering key).
 *
 * @since 0.1.0
 */
import { DateTime, Duration, Effect, Option, Schema } from "effect"
import { EventId, IdGenerator, type JobId, WebhookEndpointId } from "../Ids.js"
import { JobFailed, type JobHandler } from "../jobs/JobHandler.js"
import type { JobRequest } from "../jobs/Jobs.js"
import type { OutboxEntry } from "../outbox/OutboxEntry.js"
import { OutboxStore } from "../outbox/OutboxStore.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import { WebhookAttempt, type WebhookEndpoint } from "./WebhookEndpoint.js"
import * as WebhookSecrets from "./WebhookSecrets.js"
import * as WebhookSignature from "./WebhookSignature.js"
import { WebhookStore } from "./WebhookStore.js"
import { WebhookTransport } from "./WebhookTransport.js"

/** The kind of delivery jobs. */
export const kind = "webhook.delivery"

/** What a delivery job is for. */
export const Payload = Schema.Struct({ endpointId: WebhookEndpointId, eventId: EventId })

/** The waits between attempts: after the last, the delivery fails for good (about 27 hours after the first). */
export const schedule: ReadonlyArray<Duration.DurationInput> = [
  "5 seconds",
  "5 minutes",
  "30 minutes",
  "2 hours",
  "5 hours",
  "10 hours",
  "10 hours"
]

/** How long a receiver has to answer. */
export const timeout: Duration.DurationInput = "15 seconds"

/** The delivery job of an entry to an endpoint. */
export const request = (endpoint: WebhookEndpoint, entry: OutboxEntry): JobRequest => ({
  kind,
  payload: Schema.encodeSync(Payload)({ endpointId: endpoint.id, eventId: entry.id }),
  organisationId: endpoint.organisationId,
  orderingKey: `webhook:${endpoint.id}:${entry.orderingKey}`,
  uniqueKey: `webhook:${endpoint.id}:${entry.id}`
})

/** The body of a delivery: the event's type, when it happened, and its data. */
export const body = (entry: OutboxEntry): string =>
  JSON.stringify({ type: entry.type, timestamp: DateTime.formatIso(entry.occurredAt), data: entry.data })

const decodePayload = Schema.decodeUnknownOption(Payload)

/** The handler: one attempt per run, recorded in the endpoint's log. */
export const handler: Effect.Effect<
  JobHandler,
  never,
  WebhookStore | OutboxStore | ServerSecrets | IdGenerator
> = Effect.gen(function*() {
  const store = yield* WebhookStore
  const outbox = yield* OutboxStore
  const secrets = yield* ServerSecrets
  const ids = yield* IdGenerator

  return {
    kind,
    retryAfter: (attempts) => attempts > schedule.length ? undefined : Duration.decode(schedule[attempts - 1]!),
    run: (job) =>
      Effect.gen(function*() {
        const payload = decodePayload(job.payload)
        if (Option.isNone(payload)) return yield* new JobFailed({ message: "the job's payload is not a delivery's" })
        const endpoint = Option.getOrUndefined(yield* store.get(payload.value.endpointId))
        // Removed or disabled since: nothing to deliver.
        if (endpoint === undefined || !endpoint.enabled) return { skipped: true }
        const entry = Option.getOrUndefined(yield* outbox.get(payload.value.eventId))
        if (entry === undefined) return yield* new JobFailed({ message: "the event is not in the outbox" })
        const secret = (yield* secrets.live(WebhookSecrets.purpose)).find((s) => s.id === endpoint.secretId)
        if (secret === undefined) return yield* new JobFailed({ message: "the endpoint's signing secret was retired" })
        const text = body(entry)
        const started = yield* DateTime.now
        const headers = WebhookSignature.headers(
          WebhookSecrets.signingKey(secret, endpoint.id),
          entry.id,
          Math.floor(started.epochMillis / 1000),
          text
        )
        const transport = yield* WebhookTransport
        const response = yield* transport.send({ url: endpoint.url, headers, body: text, timeout })
        const finished = yield* DateTime.now
        const error = response._tag === "NoAnswer"
          ? response.reason
          : response.status >= 200 && response.status < 300
          ? undefined
          : `HTTP ${response.status}`
        yield* store.recordAttempt(
          new WebhookAttempt({
            id: yield* ids.make("att"),
            endpointId: endpoint.id,
            jobId: job.id as JobId,
            eventId: entry.id,
            eventType: entry.type,
            attempt: job.attempts,
            statusCode: response._tag === "Answered" ? response.status : undefined,
            durationMs: Math.max(0, finished.epochMillis - started.epochMillis),
            error,
            attemptedAt: started
          }, { disableValidation: true })
        )
        if (error !== undefined) return yield* new JobFailed({ message: error })
        return { delivered: true, status: (response as { readonly status: number }).status }
      }).pipe(
        Effect.catchTag("StoreError", (error) => new JobFailed({ message: `storage: ${error.operation}` }))
      )
  } satisfies JobHandler
})
