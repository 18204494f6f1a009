/**
 * An organisation: the tenant every other record belongs to (BadgeKit's "system").
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Email, HttpUrl, Name, Slug, TimeZone } from "../Fields.js"
import { OrganisationId } from "../Ids.js"

/** An organisation. Days for streaks are counted in its `timezone`. */
export class Organisation extends Schema.Class<Organisation>("Organisation")({
  id: OrganisationId,
  slug: Slug,
  name: Name,
  url: Schema.optional(HttpUrl),
  email: Schema.optional(Email),
  imageUrl: Schema.optional(HttpUrl),
  timezone: TimeZone,
  createdAt: Schema.DateTimeUtcFromSelf,
  updatedAt: Schema.DateTimeUtcFromSelf
}) {}

/** What a caller gives to create an organisation; the slug defaults to one made from the id, the timezone to UTC. */
export const NewOrganisation = Schema.Struct({
  id: OrganisationId,
  slug: Schema.optional(Slug),
  name: Name,
  url: Schema.optional(HttpUrl),
  email: Schema.optional(Email),
  imageUrl: Schema.optional(HttpUrl),
  timezone: Schema.optionalWith(TimeZone, { default: () => "UTC" })
})
/** @since 0.1.0 */
export type NewOrganisation = typeof NewOrganisation.Type

/** A partial update of an organisation: absent fields stay as they are. */
export const OrganisationPatch = Schema.Struct({
  slug: Schema.optional(Slug),
  name: Schema.optional(Name),
  url: Schema.optional(HttpUrl),
  email: Schema.optional(Email),
  imageUrl: Schema.optional(HttpUrl),
  timezone: Schema.optional(TimeZone)
})
/** @since 0.1.0 */
export type OrganisationPatch = typeof OrganisationPatch.Type
