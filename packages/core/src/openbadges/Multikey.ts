/**
 * Ed25519 keys and signatures as Data Integrity writes them: a public key as a Multikey `publicKeyMultibase`
 * (base58btc of the multicodec `ed25519-pub` prefix and the 32 key bytes, `z6Mk…`) and a signature as a base58btc
 * multibase `proofValue`. Signing is `@noble/curves`' Ed25519 (RFC 8032), synchronous and audited.
 *
 * @since 0.1.0
 */
import { ed25519 } from "@noble/curves/ed25519"
import { base58 } from "@scure/base"

const ed25519Pub = new Uint8Array([0xed, 0x01])

/** The public key of a 32-byte Ed25519 private key (seed). */
export const publicKeyOf = (seed: Uint8Array): Uint8Array => ed25519.getPublicKey(seed)

/** A 32-byte Ed25519 public key as a `publicKeyMultibase`. */
export const encodePublicKey = (publicKey: Uint8Array): string =>
  `z${base58.encode(new Uint8Array([...ed25519Pub, ...publicKey]))}`

/** The 32 bytes of an Ed25519 `publicKeyMultibase`; undefined when it is not one. */
export const decodePublicKey = (multibase: string): Uint8Array | undefined => {
  if (!multibase.startsWith("z")) return undefined
  try {
    const bytes = base58.decode(multibase.slice(1))
    return bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01 ? bytes.slice(2) : undefined
  } catch {
    return undefined
  }
}

/** Signs a message with an Ed25519 private key (seed); the signature as a base58btc multibase `proofValue`. */
export const sign = (seed: Uint8Array, message: Uint8Array): string => `z${base58.encode(ed25519.sign(message, seed))}`

/** The 64 bytes of a signature given as a base58btc `proofValue` (as `sign` makes it), for a JWS. */
export const signatureBytes = (proofValue: string): Uint8Array => base58.decode(proofValue.slice(1))

/** Whether a base58btc `proofValue` is an Ed25519 signature of a message under a public key. */
export const verify = (publicKey: Uint8Array, message: Uint8Array, proofValue: string): boolean => {
  if (!proofValue.startsWith("z")) return false
  try {
    return ed25519.verify(base58.decode(proofValue.slice(1)), message, publicKey)
  } catch {
    return false
  }
}
