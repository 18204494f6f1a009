/**
 * An award as an Open Badges 3.0 `OpenBadgeCredential` (W3C Verifiable Credentials Data Model 2.0), before it is
 * signed: the issuer's Profile, the recipient as an `AchievementSubject` (a URI as its `id`, anything else as a salted
 * SHA-256 `identifier`), the definition as its `Achievement`, the validity period and the revocation status entry.
 * Where things are hosted (ids, the status list) is the caller's to say: core knows no URL.
 *
 * @since 0.1.0
 */
import { DateTime } from "effect"
import type { Award, Recipient } from "../awards/Award.js"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import type { Organisation } from "../tenancy/Organisation.js"
import * as Achievement from "./Achievement.js"
import * as RecipientIdentity from "./RecipientIdentity.js"
import type { StatusPosition } from "./StatusLists.js"

/** The contexts of every credential: VC 2.0, then Open Badges 3.0.3. */
export const contexts = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
] as const

/** A JSON object: what a credential and its parts are. */
export type JsonObject = { readonly [key: string]: unknown }

/** Where a credential's parts live, and who issues it. */
export interface CredentialPlaces {
  /** The credential's URL. */
  readonly id: string
  /** The issuer's DID. */
  readonly issuer: string
  /** The achievement's id: where its definition is hosted. */
  readonly achievement: string
  /** The URL of the status list credential the award's bit is in. */
  readonly statusList: string
  /** The award's bit in that list. */
  readonly status: StatusPosition
  /** The salt of the recipient's hashed identity: secret, and the same each time the credential is made. */
  readonly salt: string
}

/** Seconds precision, as `xsd:dateTime` is usually written and as verifiers compare. */
const iso = (at: DateTime.Utc): string => DateTime.formatIso(at).replace(/\.\d+Z$/, "Z")

/**
 * The definition as an Open Badges 3.0 `Achievement`: core's one mapping of a definition (the 2.0 BadgeClass is the
 * same), under 3.0's names.
 */
export const achievementOf = (definition: BadgeDefinition, id: string): JsonObject => {
  const achievement = Achievement.achievementOf(definition)
  const { criteria } = achievement
  return {
    id,
    type: ["Achievement"],
    name: achievement.name,
    description: achievement.description,
    criteria: {
      ...(criteria.id !== undefined ? { id: criteria.id } : {}),
      ...(criteria.narrative !== undefined ? { narrative: criteria.narrative } : {})
    },
    ...(achievement.image !== undefined
      ? {
        image: {
          id: achievement.image,
          type: "Image",
          ...(achievement.imageCaption !== undefined ? { caption: achievement.imageCaption } : {})
        }
      }
      : {}),
    ...(achievement.tags.length > 0 ? { tag: achievement.tags } : {})
  }
}

/** The organisation as the credential's issuer `Profile`, its id the DID it signs as. */
export const profileOf = (organisation: Organisation, did: string): JsonObject => ({
  id: did,
  type: ["Profile"],
  name: organisation.name,
  ...(organisation.url !== undefined ? { url: organisation.url } : {}),
  ...(organisation.email !== undefined ? { email: organisation.email } : {}),
  ...(organisation.imageUrl !== undefined ? { image: { id: organisation.imageUrl, type: "Image" } } : {})
})

const identityTypes: Record<Recipient["kind"], string> = {
  id: "systemId",
  email: "emailAddress",
  url: "identifier",
  profile: "identifier",
  telephone: "ext:telephone"
}

/** Whether a recipient's value is a URI a subject can be identified by (`https:`, `did:`…). */
const isUri = (value: string): boolean => /^(https?:\/\/\S+|did:[a-z0-9]+:\S+)$/.test(value)

/** The hashed identity as Open Badges writes it, in 2.0 as in 3.0. */
export const identityHash = RecipientIdentity.hashedIdentity

/** The recipient as the subject: a URI is its `id`; anything else a salted hash no one can read back. */
export const subjectOf = (recipient: Recipient, salt: string): JsonObject => {
  if ((recipient.kind === "url" || recipient.kind === "profile") && isUri(recipient.value)) {
    return { id: recipient.value, type: ["AchievementSubject"] }
  }
  const value = recipient.kind === "email" ? recipient.value.toLowerCase() : recipient.value
  return {
    type: ["AchievementSubject"],
    identifier: [{
      type: "IdentityObject",
      identityHash: identityHash(value, salt),
      identityType: identityTypes[recipient.kind],
      hashed: true,
      salt
    }]
  }
}

/** The award as an unsigned `OpenBadgeCredential`. */
export const credentialOf = (
  award: Award,
  definition: BadgeDefinition,
  organisation: Organisation,
  places: CredentialPlaces
): JsonObject => {
  const evidence = award.evidence.map((item) => ({
    ...(item.url !== undefined ? { id: item.url } : {}),
    type: ["Evidence"],
    ...(item.narrative !== undefined ? { narrative: item.narrative } : {})
  }))
  return {
    "@context": [...contexts],
    id: places.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: definition.name,
    issuer: profileOf(organisation, places.issuer),
    validFrom: iso(award.awardedAt),
    ...(award.expiresAt !== undefined ? { validUntil: iso(award.expiresAt) } : {}),
    credentialSubject: {
      ...subjectOf(award.recipient, places.salt),
      achievement: achievementOf(definition, places.achievement),
      ...(award.narrative !== undefined ? { narrative: award.narrative } : {})
    },
    ...(evidence.length > 0 ? { evidence } : {}),
    credentialStatus: {
      id: `${places.statusList}#${places.status.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(places.status.index),
      statusListCredential: places.statusList
    }
  }
}
