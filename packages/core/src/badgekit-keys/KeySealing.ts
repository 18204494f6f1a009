/**
 * Sealing a consumer key's secret: AES-256-GCM (Web Crypto) under a key derived from a server secret, with the key's
 * name as additional data, so a sealed secret copied to another key's row does not open.
 *
 * @since 0.1.0
 */
import { Effect, Either, Encoding } from "effect"
import * as Secrets from "../Secrets.js"

const ivBytes = 12

const aesKey = (serverSecret: Uint8Array) =>
  Effect.promise(() =>
    crypto.subtle.importKey("raw", Secrets.hmac(serverSecret, "badgekit-consumer-key-sealing"), "AES-GCM", false, [
      "encrypt",
      "decrypt"
    ])
  )

/** The secret sealed: base64url of a random IV and the ciphertext. */
export const seal = (serverSecret: Uint8Array, name: string, secret: string): Effect.Effect<string> =>
  Effect.gen(function*() {
    const key = yield* aesKey(serverSecret)
    const iv = crypto.getRandomValues(new Uint8Array(ivBytes))
    const sealed = yield* Effect.promise(() =>
      crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(name) },
        key,
        new TextEncoder().encode(secret)
      )
    )
    const out = new Uint8Array(ivBytes + sealed.byteLength)
    out.set(iv)
    out.set(new Uint8Array(sealed), ivBytes)
    return Encoding.encodeBase64Url(out)
  })

/** The secret, or none when the sealed value does not open under this server secret and name. */
export const open = (serverSecret: Uint8Array, name: string, sealed: string): Effect.Effect<string | undefined> =>
  Effect.gen(function*() {
    const bytes = Encoding.decodeBase64Url(sealed)
    if (Either.isLeft(bytes) || bytes.right.length <= ivBytes) return undefined
    const key = yield* aesKey(serverSecret)
    const opened = yield* Effect.tryPromise(() =>
      crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.right.slice(0, ivBytes), additionalData: new TextEncoder().encode(name) },
        key,
        bytes.right.slice(ivBytes)
      )
    ).pipe(Effect.option)
    return opened._tag === "Some" ? new TextDecoder().decode(opened.value) : undefined
  })
