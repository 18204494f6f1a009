/**
 * How a delivery reaches its endpoint: an HTTP POST. The default uses Node's `http`/`https` (also in Deno and Bun),
 * whose connection resolves the endpoint's name through a lookup that refuses non-public addresses unless
 * `WebhookDestinations` allows private networks; a host may give its own transport (a proxy, a test receiver).
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect } from "effect"
import * as dns from "node:dns"
import * as http from "node:http"
import * as https from "node:https"
import type { LookupFunction } from "node:net"
import { refusedAddress, refusedHost, WebhookDestinations } from "./WebhookDestinations.js"

/** A delivery as sent. */
export interface WebhookRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly timeout: Duration.DurationInput
}

/** What came back: the status, or why none came. */
export type WebhookResponse =
  | { readonly _tag: "Answered"; readonly status: number }
  | { readonly _tag: "NoAnswer"; readonly reason: string }

/** Sends webhook deliveries. */
export class WebhookTransport extends Context.Reference<WebhookTransport>()("@badge-engine/core/WebhookTransport", {
  defaultValue: () => ({ send: sendOverHttp })
}) {}

/**
 * POSTs over HTTP(S), giving up after the timeout; redirects are not followed, and the answer's body is read and
 * dropped. Never fails: a refused destination is a `NoAnswer` that says why.
 */
export function sendOverHttp(request: WebhookRequest): Effect.Effect<WebhookResponse> {
  return Effect.flatMap(WebhookDestinations, ({ privateNetworks }) => {
    const url = new URL(request.url)
    // An address written in the URL is connected to without a lookup: judge it here.
    const refused = privateNetworks ? undefined : refusedHost(url.hostname)
    if (refused !== undefined) return Effect.succeed({ _tag: "NoAnswer", reason: `refused: ${refused}` } as const)
    return Effect.async<WebhookResponse>((resume, signal) => {
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
      sent.on("error", (cause) => resume(Effect.succeed({ _tag: "NoAnswer", reason: describe(cause) })))
      sent.end(request.body)
    })
  })
}

/** `dns.lookup`, failing when any address the name resolves to is not public. */
const publicLookup: LookupFunction = (hostname, options, callback) =>
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) return callback(error, "", 0)
    const refused = addresses.map((a) => refusedAddress(a.address)).find((reason) => reason !== undefined)
    if (refused !== undefined) {
      return callback(
        Object.assign(new Error(`refused: ${hostname} resolves to ${refused}`), { code: "EREFUSED" }),
        "",
        0
      )
    }
    if (options.all === true) {
      return (callback as unknown as (e: null, a: Array<dns.LookupAddress>) => void)(null, addresses)
    }
    const [first] = addresses
    return first === undefined
      ? callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0)
      : callback(null, first.address, first.family)
  })

/** A short reason for a failed request: the error's message and code, never the request (it carries the signature). */
const describe = (cause: unknown): string => {
  if (cause instanceof Error) {
    if (cause.name === "TimeoutError" || cause.name === "AbortError") return "timed out"
    const code = (cause as { readonly code?: unknown }).code
    return cause.message.startsWith("refused:") || typeof code !== "string" || cause.message.includes(code)
      ? cause.message
      : `${cause.message} (${code})`
  }
  return "request failed"
}
