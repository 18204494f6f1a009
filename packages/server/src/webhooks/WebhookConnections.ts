/**
 * Webhook deliveries over Node's `http`/`https`, whose connections resolve the endpoint's name through a lookup
 * that refuses non-public addresses (unless `WebhookDestinations` allows private networks). The check is in the
 * connection itself, so a name cannot resolve to a public address when checked and to a private one when used, as
 * it could with a lookup made before `fetch`. `serve` delivers through it.
 *
 * @since 0.1.0
 */
import {
  describeFailure,
  refusedDestination,
  WebhookDestinations,
  type WebhookRequest,
  type WebhookResponse,
  WebhookTransport
} from "@badge-engine/core"
import { Duration, Effect, Layer } from "effect"
import * as dns from "node:dns"
import * as http from "node:http"
import * as https from "node:https"
import type { LookupFunction } from "node:net"

/** POSTs over HTTP(S), giving up after the timeout; redirects are not followed. Never fails. */
export const send = (request: WebhookRequest): Effect.Effect<WebhookResponse> =>
  Effect.gen(function*() {
    // An address written in the URL is connected to without a lookup: judged before.
    const refused = yield* refusedDestination(request.url)
    if (refused !== undefined) return refused
    const { privateNetworks } = yield* WebhookDestinations.WebhookDestinations
    return yield* Effect.async<WebhookResponse>((resume, signal) => {
      const url = new URL(request.url)
      const client = url.protocol === "https:" ? https : http
      const sent = client.request(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        lookup: privateNetworks ? undefined : publicLookup,
        signal: AbortSignal.any([signal, AbortSignal.timeout(Duration.toMillis(Duration.decode(request.timeout)))])
      }, (response) => {
        response.on("error", () => undefined)
        response.on("end", () => resume(Effect.succeed({ _tag: "Answered", status: response.statusCode ?? 0 })))
        response.resume()
      })
      sent.on("error", (cause) => resume(Effect.succeed({ _tag: "NoAnswer", reason: describeFailure(cause) })))
      sent.end(request.body)
    })
  })

/** Deliveries through {@link send}. */
export const layer: Layer.Layer<WebhookTransport> = Layer.succeed(WebhookTransport, { send })

/** `dns.lookup`, failing when any address the name resolves to is not public. */
const publicLookup: LookupFunction = (hostname, options, callback) =>
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) return callback(error, "", 0)
    const refused = addresses.map((a) => WebhookDestinations.refusedAddress(a.address)).find((r) => r !== undefined)
    if (refused !== undefined) {
      return callback(
        Object.assign(new Error(`refused: ${hostname}: ${refused}`), { code: "EREFUSED" }),
        "",
        0
      )
    }
    if (options.all === true) {
      return (callback as unknown as (error: null, all: ReadonlyArray<dns.LookupAddress>) => void)(null, addresses)
    }
    const [first] = addresses
    return first === undefined
      ? callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0)
      : callback(null, first.address, first.family)
  })
