/**
 * How a delivery reaches its endpoint: an HTTP POST. The default uses the runtime's `fetch` (Node 20, Deno, Bun,
 * browsers), so core imports no HTTP library; a host may give its own (a proxy, a test receiver).
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect } from "effect"

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

/** POSTs with `fetch`, giving up after the timeout; the answer's body is read and dropped. Never fails. */
export function sendWithFetch(request: WebhookRequest): Effect.Effect<WebhookResponse> {
  return Effect.tryPromise({
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
    catch: (cause) => cause
  }).pipe(
    Effect.catchAll((cause) => Effect.succeed({ _tag: "NoAnswer", reason: describe(cause) } as const))
  )
}

/** A short reason for a failed request: the error's name and code, never the request (it carries the signature). */
const describe = (cause: unknown): string => {
  if (cause instanceof Error) {
    const code = (cause.cause as { readonly code?: unknown } | undefined)?.code
    return cause.name === "TimeoutError"
      ? "timed out"
      : `${cause.message}${typeof code === "string" ? ` (${code})` : ""}`
  }
  return "request failed"
}
