/**
 * How an award names its recipient in Open Badges: emails, telephones and the host app's ids hashed (`sha256$` and
 * the hex SHA-256 of identity and salt), URLs and profiles in the clear, since they are public already. The salt is
 * derived from the award's id under a server secret, so an assertion reads the same every time, no two assertions
 * share one, and no one without the secret can compute it to test a guessed email against a hash before it is
 * published. Open Badges 2.0 assertions, 3.0 credentials and Badgr's assertion JSON all take it from here.
 *
 * @since 0.1.0
 */
import { sha256 } from "@noble/hashes/sha2"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils"
import { Effect, Redacted } from "effect"
import type { Recipient } from "../awards/Award.js"
import type { StoreError } from "../Errors.js"
import * as Secrets from "../Secrets.js"
import type { ServerSecrets } from "../server-secrets/ServerSecrets.js"

/** An Open Badges recipient type: a profile is a URL. */
export type IdentityType = "email" | "url" | "telephone" | "id"

/** An Open Badges IdentityObject: `identity` is the hash when `hashed`, with its salt. */
export interface RecipientIdentity {
  readonly type: IdentityType
  readonly hashed: boolean
  readonly identity: string
  readonly salt: string | undefined
}

/** The Open Badges type of a recipient. */
export const typeOf = (recipient: Recipient): IdentityType => recipient.kind === "profile" ? "url" : recipient.kind

/** Whether a recipient's identity is published hashed: everything but URLs and profiles. */
export const isHashed = (recipient: Recipient): boolean => typeOf(recipient) !== "url"

/** The purpose of the server secret recipients' salts are derived under. */
export const saltPurpose = "openbadges-recipient-salts"

/** The salt of an award's hashed recipient under a secret: 132 bits of an HMAC of the award's id. */
export const saltUnder = (secret: Uint8Array, awardId: string): string =>
  Secrets.derive(secret, `salt:${awardId}`).slice(0, 22)

/** Awards' salts under the server's current secret for salts (made on first use): one read for any number. */
export const salts = (secrets: ServerSecrets["Type"]): Effect.Effect<(awardId: string) => string, StoreError> =>
  Effect.map(
    secrets.current(saltPurpose),
    (secret) => (awardId: string) => saltUnder(Redacted.value(secret.secret), awardId)
  )

/** A hashed identity: `sha256$` and the hex digest of identity and salt. */
export const hashedIdentity = (identity: string, salt: string): string =>
  `sha256$${bytesToHex(sha256(utf8ToBytes(identity + salt)))}`

/** An award's recipient as an Open Badges IdentityObject, hashed with the award's salt (`salts`). */
export const identityOf = (recipient: Recipient, salt: string): RecipientIdentity => {
  if (!isHashed(recipient)) {
    return { type: typeOf(recipient), hashed: false, identity: recipient.value, salt: undefined }
  }
  return { type: typeOf(recipient), hashed: true, identity: hashedIdentity(recipient.value, salt), salt }
}

/** Whether an identity object names a plain identity: the check a verifier makes with what the earner tells it. */
export const matches = (object: RecipientIdentity, plain: string): boolean =>
  object.hashed
    ? object.salt !== undefined && object.identity.toLowerCase() === hashedIdentity(plain, object.salt)
    : object.identity === plain
