import type { Engine, IdGenerator, Stores, WebhookRequest, WebhookResponse } from "@badge-engine/core"
import {
  Awards,
  Jobs,
  JobWorker,
  Recipient,
  sendWithFetch,
  WebhookDeliveryJob,
  WebhookDestinations,
  Webhooks,
  WebhookSignature,
  WebhookTransport
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { Webhook } from "standardwebhooks"
import { define, setup } from "./support.js"
import { eventually } from "./waiting.js"

type It = Vitest.MethodsNonLive<Engine.Services | Stores | IdGenerator>

const private_ = [
  "http://127.0.0.1/",
  "http://localhost:8080/hooks",
  "http://[::1]/",
  "http://10.0.0.5/admin",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::ffff:127.0.0.1]/",
  "http://0x7f.1/",
  "http://[::7f00:1]/"
]

/** A receiver on this machine that answers every request 204 and counts them. */
const receiver = Effect.acquireRelease(
  Effect.async<{ readonly port: number; received: number; readonly server: http.Server }>((resume) => {
    const state = {
      port: 0,
      received: 0,
      server: http.createServer((_, res) => {
        state.received++
        res.writeHead(204).end()
      })
    }
    state.server.listen(0, "127.0.0.1", () => {
      state.port = (state.server.address() as AddressInfo).port
      resume(Effect.succeed(state))
    })
  }),
  ({ server }) => Effect.sync(() => server.close())
)

const fastWorker = { enabled: true, lease: "5 seconds", pollInterval: "50 millis", concurrency: 4 } as const

export const webhooks = (it: It) => {
  it.effect("an endpoint receives its events signed, in order per recipient, retried, with every attempt logged", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const webhooks = yield* Webhooks.Webhooks
      const { endpoint, secret } = yield* webhooks.register({
        organisationId: org.id,
        url: "https://hooks.example.org/badges",
        eventTypes: ["badge.awarded", "badge.revoked"]
      })
      expect(Redacted.value(secret)).toMatch(/^whsec_/)
      expect(Redacted.value(yield* webhooks.secretOf(endpoint.id))).toBe(Redacted.value(secret))
      const other = yield* webhooks.register({
        organisationId: org.id,
        url: "https://other.example.org/",
        eventTypes: []
      })
      yield* webhooks.update(other.endpoint.id, { enabled: false })

      // The receiver refuses pm-1's first delivery, then takes everything.
      const received: Array<{ readonly type: string; readonly recipient: string }> = []
      let refusedPm1 = 0
      const receiver = new Webhook(Redacted.value(secret))
      const transport = {
        send: (request: WebhookRequest): Effect.Effect<WebhookResponse> =>
          Effect.sync(() => {
            expect(request.url).toBe("https://hooks.example.org/badges")
            // The reference implementation of the convention verifies the signature.
            const body = receiver.verify(request.body, request.headers) as {
              type: string
              data: { award: { recipient: { value: string } } }
            }
            // pm-1's first delivery is refused, whichever request comes first.
            if (body.data.award.recipient.value === "pm-1" && refusedPm1++ === 0) {
              return { _tag: "Answered", status: 503 } as const
            }
            received.push({ type: body.type, recipient: body.data.award.recipient.value })
            return { _tag: "Answered", status: 204 } as const
          })
      }

      const def = yield* define(org.id, { name: "By hand", unique: false })
      const awards = yield* Awards.Awards
      const award = (recipient: string) =>
        awards.award({ definitionId: def.id, recipient: Recipient.byId(recipient), awardedBy: "coordinator" })
      const first = yield* award("pm-1")
      yield* awards.revoke(first.id, "mistake")
      yield* award("pm-2")

      yield* JobWorker.run([yield* WebhookDeliveryJob.handler], webhooks.dispatch.pipe(Effect.orDie)).pipe(
        Effect.provideService(JobWorker.Settings, fastWorker),
        Effect.provideService(WebhookTransport, transport),
        Effect.scoped,
        Effect.fork
      )
      yield* eventually(Effect.sync(() => received.length), (n) => n >= 3, 30)
      // A job's attempt is logged, and the job marked succeeded, just after its receiver answered.
      const jobs = yield* Jobs.Jobs
      const deliveries = yield* eventually(
        jobs.list({ organisationId: org.id, kind: WebhookDeliveryJob.kind }),
        (found) => found.length === 3 && found.every((job) => job.state === "succeeded")
      )
      // pm-2's award went while pm-1's first delivery waited for its retry; pm-1's revocation waited for its award.
      expect(received).toEqual([
        { type: "badge.awarded", recipient: "pm-2" },
        { type: "badge.awarded", recipient: "pm-1" },
        { type: "badge.revoked", recipient: "pm-1" }
      ])
      const log = yield* webhooks.deliveries(endpoint.id)
      expect(log.map((attempt) => [attempt.eventType, attempt.attempt, attempt.statusCode, attempt.error])).toEqual(
        expect.arrayContaining([
          ["badge.awarded", 1, 503, "HTTP 503"],
          ["badge.awarded", 2, 204, undefined],
          ["badge.revoked", 1, 204, undefined]
        ])
      )
      expect(log).toHaveLength(4)
      expect(yield* webhooks.deliveries(other.endpoint.id)).toEqual([])
      expect(deliveries.map((job) => job.state)).toEqual(["succeeded", "succeeded", "succeeded"])
    }))

  it.effect("an endpoint at a private, loopback or link-local address is refused unless private networks are allowed", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const webhooks = yield* Webhooks.Webhooks
      for (const url of private_) {
        const refused = yield* Effect.flip(webhooks.register({ organisationId: org.id, url }))
        expect(refused, url).toMatchObject({ _tag: "InvalidInput", field: "url" })
        expect(refused.message, url).toMatch(/must be a public address/)
      }
      const { endpoint } = yield* webhooks.register({ organisationId: org.id, url: "https://hooks.example.org/ok" })
      const moved = yield* Effect.flip(webhooks.update(endpoint.id, { url: "http://10.0.0.5/admin" }))
      expect(moved).toMatchObject({ _tag: "InvalidInput", field: "url" })
      // An operator whose receivers live on the internal network allows it.
      const allowed = yield* Webhooks.make.pipe(Effect.provide(WebhookDestinations.layerPrivateNetworks))
      const internal = yield* allowed.register({ organisationId: org.id, url: "http://10.0.0.5/hooks" })
      expect(internal.endpoint.url).toBe("http://10.0.0.5/hooks")
    }))

  it.effect("the default transport refuses a URL written as a non-public address, unless private networks are allowed", () =>
    Effect.gen(function*() {
      const hooks = yield* receiver
      const request: WebhookRequest = {
        url: `http://127.0.0.1:${hooks.port}/hooks`,
        headers: {},
        body: "{}",
        timeout: "5 seconds"
      }
      expect(yield* sendWithFetch(request)).toEqual({
        _tag: "NoAnswer",
        reason: "refused: 127.0.0.1 is a loopback address"
      })
      expect(hooks.received).toBe(0)
      const allowed = yield* sendWithFetch(request).pipe(Effect.provide(WebhookDestinations.layerPrivateNetworks))
      expect(allowed).toEqual({ _tag: "Answered", status: 204 })
      expect(hooks.received).toBe(1)
    }).pipe(Effect.scoped))

  it.effect("fan-outs racing in many processes make one delivery per endpoint and event", () =>
    Effect.gen(function*() {
      const org = yield* setup()
      const webhooks = yield* Webhooks.Webhooks
      yield* webhooks.register({ organisationId: org.id, url: "https://hooks.example.org/a" })
      yield* webhooks.register({ organisationId: org.id, url: "https://hooks.example.org/b" })
      const def = yield* define(org.id, { name: "By hand", unique: false })
      const awards = yield* Awards.Awards
      for (const recipient of ["pm-1", "pm-2", "pm-3"]) {
        yield* awards.award({ definitionId: def.id, recipient: Recipient.byId(recipient), awardedBy: "coordinator" })
      }
      yield* Effect.all(Array.from({ length: 6 }, () => webhooks.dispatch), { concurrency: "unbounded" })
      const jobs = yield* Jobs.Jobs
      const deliveries = yield* jobs.list({ organisationId: org.id, kind: WebhookDeliveryJob.kind })
      expect(deliveries).toHaveLength(6)
      expect(new Set(deliveries.map((job) => job.uniqueKey)).size).toBe(6)
    }))

  it.effect("a signature is the Standard Webhooks HMAC of id, timestamp and body", () =>
    Effect.sync(() => {
      const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
      const key = WebhookSignature.keyOf(secret)!
      const headers = WebhookSignature.headers(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, `{"test": 2432232314}`)
      // The example of the convention's specification.
      expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
      expect(
        WebhookSignature.verify(
          key,
          headers["webhook-id"],
          "1614265330",
          `{"test": 2432232314}`,
          `v1,bad ${headers["webhook-signature"]}`
        )
      ).toBe(true)
      expect(
        WebhookSignature.verify(
          key,
          headers["webhook-id"],
          "1614265331",
          `{"test": 2432232314}`,
          headers["webhook-signature"]
        )
      )
        .toBe(false)
    }))
}
