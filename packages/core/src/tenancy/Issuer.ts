/**
 * Issuers and programs: who stands behind a badge, inside an organisation.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Description, Email, HttpUrl, Name, Slug } from "../Fields.js"
import { IssuerId, OrganisationId, ProgramId } from "../Ids.js"

const profileFields = {
  slug: Slug,
  name: Name,
  url: Schema.optional(HttpUrl),
  email: Schema.optional(Email),
  description: Schema.optional(Description),
  imageUrl: Schema.optional(HttpUrl)
}

/** An issuer: BadgeKit's issuer, Badgr's issuer, the Open Badges issuer profile. */
export class Issuer extends Schema.Class<Issuer>("Issuer")({
  id: IssuerId,
  organisationId: OrganisationId,
  ...profileFields,
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {}

/** A program: a group of badges under one issuer (BadgeKit). */
export class Program extends Schema.Class<Program>("Program")({
  id: ProgramId,
  organisationId: OrganisationId,
  issuerId: IssuerId,
  ...profileFields,
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {}

/** What a caller gives to create an issuer. */
export const NewIssuer = Schema.Struct({ organisationId: OrganisationId, ...profileFields })
/** @since 0.1.0 */
export type NewIssuer = typeof NewIssuer.Type

/** What a caller gives to create a program. */
export const NewProgram = Schema.Struct({ organisationId: OrganisationId, issuerId: IssuerId, ...profileFields })
/** @since 0.1.0 */
export type NewProgram = typeof NewProgram.Type

/** A partial update of an issuer or program profile. */
export const ProfilePatch = Schema.partial(Schema.Struct(profileFields))
/** @since 0.1.0 */
export type ProfilePatch = typeof ProfilePatch.Type
