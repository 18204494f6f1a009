/**
 * Signatures of the Standard Webhooks convention (standardwebhooks.com): `webhook-signature: v1,<base64 of
 * HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")>`, the secret given as `whsec_<base64>`.
 *
 * @since 0.1.0
 */
import { Either, Encoding } from "effect"
import * as Secrets from "../Secrets.js"

/** The prefix of a signing secret. */
export const secretPrefix = "whsec_"

/** A signing secret as receivers configure it: `whsec_` and the key's bytes in base64. */
export const formatSecret = (key: Uint8Array): string => `${secretPrefix}${Encoding.encodeBase64(key)}`

/** The key's bytes of a `whsec_` secret (or of a bare base64 one). */
export const keyOf = (secret: string): Uint8Array | undefined => {
  const decoded = Encoding.decodeBase64(secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret)
  return Either.isRight(decoded) ? decoded.right : undefined
}

/** The headers of a delivery: its id, when it was sent (Unix seconds) and the signature over both and the body. */
export const headers = (key: Uint8Array, id: string, timestampSeconds: number, body: string) => ({
  "webhook-id": id,
  "webhook-timestamp": String(timestampSeconds),
  "webhook-signature": sign(key, id, timestampSeconds, body)
})

/** The `v1,<base64>` signature of a delivery. */
export const sign = (key: Uint8Array, id: string, timestampSeconds: number, body: string): string =>
  `v1,${Encoding.encodeBase64(Secrets.hmac(key, `${id}.${timestampSeconds}.${body}`))}`

/**
 * Whether a delivery's signature header (space-separated `v1,<base64>` entries) holds the signature of the id,
 * timestamp and body under the key: what a receiver checks (it should also refuse old timestamps).
 */
export const verify = (key: Uint8Array, id: string, timestamp: string, body: string, header: string): boolean => {
  const expected = sign(key, id, Number(timestamp), body)
  return header.split(" ").some((candidate) => Secrets.equalInConstantTime(candidate, expected))
}
