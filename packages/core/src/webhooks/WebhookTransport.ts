/**
 * How a delivery reaches its endpoint: an HTTP POST. The default uses the runtime's `fetch` (Node 20, Deno, Bun),
 * so core imports no HTTP library, and refuses a URL whose host is written as a non-public address unless
 * `WebhookDestinations` allows private networks; `fetch` cannot check where a name resolves to, which the server's
 * transport (`@badge-engine/server`'s `WebhookConnections`) does as it connects. A host may give its own transport
 * (a proxy, a test receiver).
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect } from "effect"
import { refusedHost, WebhookDestinations } from "./WebhookDestinations.js"

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
  defaultValue: () => ({ send: sendWithFetch })
}) {}

/**
 * A `NoAnswer` for a URL whose host is written as a non-public address, unless private networks are allowed: the
 * check every transport makes before it sends.
 */
export const refusedDestination = (url: string): Effect.Effect<WebhookResponse | undefined> =>
  Effect.map(WebhookDestinations, ({ privateNetworks }) => {
    const refused = privateNetworks ? undefined : refusedHost(new URL(url).hostname)
    return refused === undefined ? undefined : { _tag: "NoAnswer", reason: `refused: ${refused}` }
  })

/**
 * POSTs with `fetch`, giving up after the timeout; redirects are not followed, and the answer's body is read and
 * dropped. Never fails.
 */
export function sendWithFetch(request: WebhookRequest): Effect.Effect<WebhookResponse> {
  return Effect.flatMap(
    refusedDestination(request.url),
    (refused) =>
      refused !== undefined ? Effect.succeed(refused) : Effect.tryPromise({
        try: async (signal) => {
          const response = await fetch(request.url, {
            method: "POST",
            headers: { "content-type": "application/json", ...request.headers },
            body: request.body,
            redirect: "manual",
            signal: AbortSignal.any([signal, AbortSignal.timeout(Duration.toMillis(Duration.decode(request.timeout)))])
          })
          await response.arrayBuffer().catch(() => undefined)
          return { _tag: "Answered", status: response.status } as const
        },
        catch: describeFailure
      }).pipe(
        Effect.catchAll((reason) => Effect.succeed({ _tag: "NoAnswer", reason } as const))
      )
  )
}

/** A short reason for a failed request: the error's message and code, never the request (it carries the signature). */
export const describeFailure = (cause: unknown): string => {
  if (cause instanceof Error) {
    if (cause.name === "TimeoutError" || cause.name === "AbortError") return "timed out"
    const code = (cause as { readonly code?: unknown }).code ??
      (cause.cause as { readonly code?: unknown } | undefined)?.code
    return typeof code !== "string" || cause.message.includes(code) || cause.message.startsWith("refused:")
      ? cause.message
      : `${cause.message} (${code})`
  }
  return "request failed"
}
