import { Awards, Definitions, Recipient } from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import { createServer, type IncomingHttpHeaders } from "node:http"
import { Webhook } from "standardwebhooks"
import { call, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A webhook receiver on a free port, for the life of the test's scope: it takes every POST with a 204. */
const receiver = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly received: Array<Received>; readonly close: () => void }>((resume) => {
    const received: Array<Received> = []
    const server = createServer((request, response) => {
      let body = ""
      request.on("data", (chunk) => (body += chunk))
      request.on("end", () => {
        received.push({ headers: request.headers, body })
        response.writeHead(204).end()
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}/hooks`, received, close: () => server.close() }))
    })
  }),
  ({ close }) => Effect.sync(close)
)

const waitFor = (holds: () => boolean) =>
  Effect.promise(async () => {
    for (let i = 0; i < 500 && !holds(); i++) await new Promise((resolve) => setTimeout(resolve, 20))
  })

export const webhooks = (it: It) => {
  it.scoped("an admin registers an endpoint; awards reach it signed, and its log and delivery job are readable", () =>
    Effect.gen(function*() {
      const w = yield* world
      const other = yield* world
      const hooks = yield* receiver
      const refused = yield* call("POST", "/api/v1/webhooks", {
        key: w.admin,
        json: { url: hooks.url, event_types: ["badge.exploded"] }
      })
      expect(refused.status).toBe(400)
      expect(refused.body.error.field).toMatch(/^event_types/)
      expect((yield* call("POST", "/api/v1/webhooks", { key: w.coordinator, json: { url: hooks.url } })).status)
        .toBe(403)
      const registered = yield* call("POST", "/api/v1/webhooks", {
        key: w.admin,
        json: { url: hooks.url, event_types: ["badge.awarded"], description: "the LMS" }
      })
      expect(registered.status).toBe(201)
      expect(registered.body).toMatchObject({
        organisation_id: w.organisationId,
        url: hooks.url,
        event_types: ["badge.awarded"],
        description: "the LMS",
        enabled: true
      })
      const { id, secret } = registered.body as { id: string; secret: string }
      expect(secret).toMatch(/^whsec_/)
      const read = yield* call("GET", `/api/v1/webhooks/${id}`, { key: w.admin })
      expect(read.body.secret).toBeUndefined()
      expect((yield* call("GET", `/api/v1/webhooks/${id}`, { key: other.admin })).status).toBe(404)
      expect((yield* call("GET", "/api/v1/webhooks", { key: w.admin })).body.data.map((e: any) => e.id)).toEqual([id])

      const definitions = yield* Definitions.Definitions
      const { definition } = yield* definitions.create({ organisationId: w.organisationId, name: "Hooked" })
      const award = yield* Effect.flatMap(
        Awards.Awards,
        (awards) =>
          awards.award({ definitionId: definition.id, recipient: Recipient.byId("pm-kari"), awardedBy: "test" })
      )
      yield* waitFor(() => hooks.received.length > 0)
      const [delivery] = hooks.received
      const payload = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as any
      expect(payload).toMatchObject({ type: "badge.awarded", data: { award: { id: award.id } } })

      // The attempt is logged just after the receiver answered.
      let log = yield* call("GET", `/api/v1/webhooks/${id}/deliveries`, { key: w.admin })
      for (let i = 0; i < 100 && log.body.data.length === 0; i++) {
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
        log = yield* call("GET", `/api/v1/webhooks/${id}/deliveries`, { key: w.admin })
      }
      expect(log.body.data).toHaveLength(1)
      expect(log.body.data[0]).toMatchObject({
        event_type: "badge.awarded",
        attempt: 1,
        status_code: 204,
        delivered: true
      })
      const jobPath = `/api/v1/jobs/${log.body.data[0].job_id}`
      let job = yield* call("GET", jobPath, { key: w.admin })
      for (let i = 0; i < 100 && job.body.state !== "succeeded"; i++) {
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
        job = yield* call("GET", jobPath, { key: w.admin })
      }
      expect(job.body).toMatchObject({ kind: "webhook.delivery", state: "succeeded", attempts: 1, last_error: null })
      expect((yield* call("GET", jobPath, { key: other.admin })).status).toBe(404)
      expect((yield* call("GET", jobPath, { key: w.coordinator })).status).toBe(403)
      expect((yield* call("GET", "/api/v1/jobs/job-missing", { key: w.admin })).status).toBe(404)

      const disabled = yield* call("PATCH", `/api/v1/webhooks/${id}`, { key: w.admin, json: { enabled: false } })
      expect(disabled.body.enabled).toBe(false)
      expect((yield* call("DELETE", `/api/v1/webhooks/${id}`, { key: w.admin })).status).toBe(200)
      expect((yield* call("DELETE", `/api/v1/webhooks/${id}`, { key: w.admin })).status).toBe(404)
      log = yield* call("GET", `/api/v1/webhooks/${id}/deliveries`, { key: w.admin })
      expect(log.status).toBe(404)
    }))
}
