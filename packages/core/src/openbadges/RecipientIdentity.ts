/**
 * How an award names its recipient in Open Badges: emails, telephones and the host app's ids hashed (`sha256$` and
 * the hex SHA-256 of identity and salt), URLs and profiles in the clear, since they are public already. The salt is
 * derived from the award's id, so an assertion reads the same every time and no two assertions share one; it is
 * published beside the hash, as the specification has it, and never secret.
 *
 * @since 0.1.0
 */
import { sha256 } from "@noble/hashes/sha2"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils"
import type { Recipient } from "../awards/Award.js"

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

/** The salt of an award's hashed recipient: derived from its id, never secret. */
export const saltOf = (awardId: string): string => bytesToHex(sha256(utf8ToBytes(`badgr-salt:${awardId}`))).slice(0, 32)

/** A hashed identity: `sha256$` and the hex digest of identity and salt. */
export const hashedIdentity = (identity: string, salt: string): string =>
  `sha256$${bytesToHex(sha256(utf8ToBytes(identity + salt)))}`

/** An award's recipient as an Open Badges IdentityObject. */
export const identityOf = (awardId: string, recipient: Recipient): RecipientIdentity => {
  if (!isHashed(recipient)) {
    return { type: typeOf(recipient), hashed: false, identity: recipient.value, salt: undefined }
  }
  const salt = saltOf(awardId)
  return { type: typeOf(recipient), hashed: true, identity: hashedIdentity(recipient.value, salt), salt }
}

/** Whether an identity object names a plain identity: the check a verifier makes with what the earner tells it. */
export const matches = (object: RecipientIdentity, plain: string): boolean =>
  object.hashed
    ? object.salt !== undefined && object.identity.toLowerCase() === hashedIdentity(plain, object.salt)
    : object.identity === plain
