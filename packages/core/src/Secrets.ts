/**
 * Secrets: API keys, claim codes, grants' accept keys and the server's own secrets. API keys (256 bits) are shown
 * once and found again by their SHA-256 hash, so a leaked database leaks none of them. Claim codes (140 bits) are
 * derived from their id under a server secret and found by their hash, so the server can show them again and the
 * database alone cannot. An accept key (256 bits) is not stored at all: it is derived from the grant's id under a
 * server secret (HMAC-SHA256), so a second offer of a pending grant can show it again.
 *
 * Randomness comes from Web Crypto (on every runtime); hashing from `@noble/hashes`, synchronous and audited: Web
 * Crypto's digest is asynchronous and costs about 30 µs a call in Node, on every authenticated request.
 *
 * @since 0.1.0
 */
import { hmac as hmacOf } from "@noble/hashes/hmac"
import { sha256 } from "@noble/hashes/sha2"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils"
import { Effect, Encoding } from "effect"

/** 256 random bits. */
export const randomBytes: Effect.Effect<Uint8Array> = Effect.sync(() => crypto.getRandomValues(new Uint8Array(32)))

/** A new secret: the prefix (which says what it is) and 256 random bits in base64url. */
export const make = (prefix: string): Effect.Effect<string> =>
  Effect.map(randomBytes, (bytes) => `${prefix}${Encoding.encodeBase64Url(bytes)}`)

/** The hex SHA-256 of a secret: what is stored and looked up. */
export const hash = (secret: string): Effect.Effect<string> =>
  Effect.sync(() => bytesToHex(sha256(utf8ToBytes(secret))))

/** The HMAC-SHA256 of a message under a key: 256 bits derived again whenever needed. */
export const hmac = (key: Uint8Array, message: string): Uint8Array => hmacOf(sha256, key, utf8ToBytes(message))

/** The HMAC-SHA256 of a message under a key, in base64url (256 bits): a secret derived again whenever needed. */
export const derive = (key: Uint8Array, message: string): string => Encoding.encodeBase64Url(hmac(key, message))

/** Compares two strings in time that depends only on their length, so no timing tells how close a guess was. */
export const equalInConstantTime = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}
