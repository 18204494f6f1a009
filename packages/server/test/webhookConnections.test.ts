/**
 * The server's webhook transport: the connection's own name lookup refuses non-public addresses, so a name cannot
 * resolve one way when checked and another when used.
 */
import { WebhookDestinations, type WebhookRequest } from "@badge-engine/core"
import { WebhookConnections } from "@badge-engine/server"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as dns from "node:dns"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"

/** A receiver on every interface of this machine that answers 204 and counts what it gets. */
const receiver = Effect.acquireRelease(
  Effect.async<{ port: number; received: number; readonly server: http.Server }>((resume) => {
    const state = {
      port: 0,
      received: 0,
      server: http.createServer((_, response) => {
        state.received++
        response.writeHead(204).end()
      })
    }
    state.server.listen(0, () => {
      state.port = (state.server.address() as AddressInfo).port
      resume(Effect.succeed(state))
    })
  }),
  ({ server }) => Effect.sync(() => server.close())
)

describe("webhook deliveries over Node's http", () => {
  it.scoped("a name that resolves to this machine is refused as the delivery connects, unless allowed", () =>
    Effect.gen(function*() {
      const hooks = yield* receiver
      // The machine's own name resolves to a non-public address (loopback or the local network).
      const name = os.hostname()
      const addresses = yield* Effect.promise(() => dns.promises.lookup(name, { all: true }))
      expect(addresses.every(({ address }) => WebhookDestinations.refusedAddress(address) !== undefined)).toBe(true)
      const request: WebhookRequest = {
        url: `http://${name}:${hooks.port}/hooks`,
        headers: {},
        body: "{}",
        timeout: "5 seconds"
      }
      const refused = yield* WebhookConnections.send(request)
      expect(refused).toEqual({
        _tag: "NoAnswer",
        reason: expect.stringMatching(/^refused: .+: .+ is a \w+ address$/)
      })
      const literal = yield* WebhookConnections.send({ ...request, url: `http://127.0.0.1:${hooks.port}/` })
      expect(literal).toEqual({ _tag: "NoAnswer", reason: "refused: 127.0.0.1 is a loopback address" })
      expect(hooks.received).toBe(0)
      const allowed = yield* WebhookConnections.send(request).pipe(
        Effect.provide(WebhookDestinations.layerPrivateNetworks)
      )
      expect(allowed).toEqual({ _tag: "Answered", status: 204 })
      expect(hooks.received).toBe(1)
    }))

  it.effect("a host that answers nothing is a NoAnswer that says why, never a failure", () =>
    Effect.gen(function*() {
      const answer = yield* WebhookConnections.send({
        url: "http://127.0.0.1:1/hooks",
        headers: {},
        body: "{}",
        timeout: "5 seconds"
      }).pipe(Effect.provide(WebhookDestinations.layerPrivateNetworks))
      expect(answer).toEqual({ _tag: "NoAnswer", reason: expect.stringContaining("ECONNREFUSED") })
    }))
})
