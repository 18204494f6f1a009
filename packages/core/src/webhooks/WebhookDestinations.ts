/**
 * Where webhooks may go. An organisation's admin registers endpoints, and the server then POSTs from inside its own
 * network: without a guard, an endpoint at `http://169.254.169.254/` or `http://10.0.0.5/admin` would make the
 * server a proxy into that network. So by default only public addresses are accepted, when an endpoint is
 * registered (its host, when it is an address or `localhost`) and again when each delivery connects (every address
 * its name resolves to, checked in the connection itself so a name cannot resolve one way when checked and another
 * when used). Operators whose receivers live on the same machine or network allow private networks.
 *
 * @since 0.1.0
 */
import { Config, Context, Effect, Layer } from "effect"
import ipaddr from "ipaddr.js"

/** Whether deliveries may reach loopback, private, link-local and other non-public addresses. */
export class WebhookDestinations extends Context.Reference<WebhookDestinations>()(
  "@badge-engine/core/WebhookDestinations",
  { defaultValue: () => ({ privateNetworks: false }) }
) {}

/** Deliveries to private networks allowed (receivers on the same machine or network). */
export const layerPrivateNetworks: Layer.Layer<WebhookDestinations> = Layer.succeed(WebhookDestinations, {
  privateNetworks: true
})

/** From `WEBHOOKS_ALLOW_PRIVATE_NETWORKS` (`true` or `false`; default `false`; any other value: `false`, warned). */
export const layerConfig: Layer.Layer<WebhookDestinations> = Layer.unwrapEffect(
  Config.boolean("WEBHOOKS_ALLOW_PRIVATE_NETWORKS").pipe(
    Config.withDefault(false),
    Effect.catchAll(() =>
      Effect.as(
        Effect.logWarning("WEBHOOKS_ALLOW_PRIVATE_NETWORKS is neither true nor false: private networks stay refused"),
        false
      )
    ),
    Effect.map((privateNetworks) => Layer.succeed(WebhookDestinations, { privateNetworks }))
  )
)

/** Why an IP address is not public (`127.0.0.1 is a loopback address`), or undefined for a public one. */
export const refusedAddress = (address: string): string | undefined => {
  if (!ipaddr.isValid(address)) return undefined
  // An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is.
  const parsed = ipaddr.process(address)
  const range = parsed.range()
  if (range !== "unicast") return `${address} is a ${range} address`
  // The old IPv4-compatible form (`::7f00:1`, `::/96`), which the table counts as public, is no public host either.
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)
    ? `${address} is an IPv4-compatible address`
    : undefined
}

/** Why a URL's host is not public as written (`localhost`, or a non-public address), or undefined. */
export const refusedHost = (hostname: string): string | undefined => {
  const bare = hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase()
  if (bare === "localhost" || bare.endsWith(".localhost")) return `${hostname} is this machine`
  return refusedAddress(bare)
}
