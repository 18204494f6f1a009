/**
 * The engine's records as BadgeFed prints them. A badge is a badge definition (its `id` the definition's serial); its
 * issuer is the organisation the API key acts for; a badge record is a grant.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition, Grant, GrantStatus, Organisation } from "@badge-engine/core"
import { type Context, DateTime, Redacted } from "effect"
import { createHash } from "node:crypto"
import { imagePath } from "../../images/BadgeImageApi.js"
import type { PublicUrl } from "../../PublicUrl.js"

type Urls = Context.Tag.Service<PublicUrl>

/** ISO-8601 UTC to the second, as BadgeFed prints it (`2026-03-12T10:30:00Z`). */
export const timestamp = (value: DateTime.DateTime): string => DateTime.formatIso(value).replace(/\.\d{3}Z$/, "Z")

/**
 * The issuer's integer id, derived from the organisation's id: stable, since an organisation's id never changes (its
 * name and slug may), and in 1..2^31-1, as BadgeFed's 32-bit ids are. Not a database key: two organisations could
 * share one (about 1 in 2^31 a pair), which no client sees, since a key reads only its own organisation.
 */
export const issuerId = (organisation: Organisation): number =>
  (createHash("sha256").update(organisation.id).digest().readUInt32BE(0) % 0x7fffffff) + 1

/** The issuer of every badge a key sees: its organisation, on this server's domain. */
export const issuerJson = (organisation: Organisation, urls: Urls) => ({
  id: issuerId(organisation),
  fullName: organisation.name,
  username: organisation.slug,
  domain: urls.host
})

/** How a badge is earned: its narrative, else its criteria's descriptions one a line, else nothing. */
export const earningCriteria = (definition: BadgeDefinition): string =>
  definition.criteriaNarrative !== undefined && definition.criteriaNarrative.trim() !== ""
    ? definition.criteriaNarrative
    : definition.criteria.map((item) => item.description).join("\n")

/** Tags as BadgeFed's hashtags: `#training #advanced` (a tag's spaces and leading `#` dropped). */
export const hashtags = (tags: ReadonlyArray<string>): string =>
  tags
    .map((tag) => tag.replace(/^#+/, "").replace(/\s+/g, ""))
    .filter((tag) => tag !== "")
    .map((tag) => `#${tag}`)
    .join(" ")

/** A badge: its image is served, by redirect, at `/badge-image/{id}`. */
export const badgeJson = (definition: BadgeDefinition, issuer: ReturnType<typeof issuerJson>, urls: Urls) => ({
  id: definition.serial,
  title: definition.name,
  description: definition.description,
  badgeType: definition.badgeType ?? "Badge",
  earningCriteria: earningCriteria(definition),
  image: urls.to(imagePath(definition.serial)),
  imageAltText: definition.imageAltText ?? "",
  hashtags: hashtags(definition.tags),
  infoUri: definition.infoUri ?? null,
  isCertificate: definition.isCertificate,
  issuer
})

/** Who a grant is for, as a URI: the profile URI, else `mailto:` the email address. */
export const subjectUri = (grant: Grant): string => grant.profileUri ?? `mailto:${grant.email ?? ""}`

/** The organisation as an ActivityPub actor: `{publicUrl}/actor/{slug}`. */
export const actorUrl = (organisation: Organisation, urls: Urls): string => urls.to(`/actor/${organisation.slug}`)

/** A grant's note: `{publicUrl}/actor/{slug}/statuses/{grant id}`. */
export const noteId = (organisation: Organisation, grant: Grant, urls: Urls): string =>
  `${actorUrl(organisation, urls)}/statuses/${encodeURIComponent(grant.id)}`

/** The link the recipient opens to accept: it carries the accept key, so it is never logged. */
export const acceptUrl = (grant: Grant, acceptKey: Redacted.Redacted<string>, urls: Urls): string =>
  urls.to(`/accept/grant/${encodeURIComponent(grant.id)}/${encodeURIComponent(Redacted.value(acceptKey))}`)

/** A grant as BadgeFed's badge record: its `id` is the grant's serial, an integer as BadgeFed's are. */
export const badgeRecordJson = (grant: Grant, definition: BadgeDefinition, organisation: Organisation, urls: Urls) => ({
  id: grant.serial,
  title: definition.name,
  issuedBy: actorUrl(organisation, urls),
  issuedOn: timestamp(grant.createdAt),
  issuedToName: grant.name ?? null,
  issuedToSubjectUri: subjectUri(grant),
  earningCriteria: grant.evidence ?? earningCriteria(definition)
})

/** A grant's status; the caller has answered a revoked one as not found. */
export const grantStatusJson = (
  grant: Grant,
  status: Exclude<GrantStatus, "revoked">,
  definition: BadgeDefinition,
  organisation: Organisation,
  urls: Urls
) => ({
  success: true as const,
  noteId: noteId(organisation, grant, urls),
  profileUri: subjectUri(grant),
  badgeId: definition.serial,
  status
})
