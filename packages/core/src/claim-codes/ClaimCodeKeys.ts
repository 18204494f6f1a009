/**
 * Claim codes, derived and shown again on demand: the HMAC-SHA256 of the code's id under a server secret, its first
 * 140 bits in Crockford's base32, as seven groups of four (`7K3M-…`). Only the code's hash is stored, so the database
 * alone recovers no code; the server, holding the secret, can show one again. Codes made before (random, base64url)
 * are still found by their hash.
 *
 * @since 0.1.0
 */
import { type Effect, Redacted } from "effect"
import type { ClaimCodeId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import type { SecretPurpose, ServerSecret } from "../server-secrets/ServerSecret.js"

/** The purpose of the server secrets claim codes are derived under. */
export const purpose: SecretPurpose = "claim-codes"

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const length = 28
const canonical = /^[0-9A-HJKMNP-TV-Z]{28}$/

/** The first `length` characters (140 bits) of bytes in Crockford's base32; the bytes hold at least 144 bits. */
const base32 = (bytes: Uint8Array): string => {
  let out = ""
  let buffer = 0
  let bits = 0
  for (const byte of bytes.subarray(0, 18)) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  return out.slice(0, length)
}

/** A code in the form people read and type: groups of four joined by hyphens. */
const grouped = (code: string): string => code.match(/.{4}/g)!.join("-")

/**
 * A derived code as typed, in its canonical form: without spaces or hyphens, upper case, `O` read as `0` and `I`, `L`
 * as `1`; nothing when it is not one (a code made before, or a mistyped one).
 */
export const canonicalOf = (typed: string): string | undefined => {
  const code = typed.replace(/[\s-]/g, "").toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1")
  return canonical.test(code) ? code : undefined
}

/** A claim code under a secret, grouped for reading. */
export const derive = (secret: ServerSecret, id: ClaimCodeId): Redacted.Redacted<string> =>
  Redacted.make(grouped(base32(Secrets.hmac(Redacted.value(secret.secret), `claim-code:${id}`))))

/** The hash a code is stored and looked up by: of its canonical form when it is a derived code, else as given. */
export const hashOf = (code: Redacted.Redacted<string>): Effect.Effect<string> =>
  Secrets.hash(canonicalOf(Redacted.value(code)) ?? Redacted.value(code))
