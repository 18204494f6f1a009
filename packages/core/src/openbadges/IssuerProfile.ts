/**
 * Who issues a badge, as Open Badges publishes it: the definition's issuer when it names one, else its organisation.
 *
 * @since 0.1.0
 */
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import type { Issuer } from "../tenancy/Issuer.js"
import type { Organisation } from "../tenancy/Organisation.js"

/** An issuer's public profile; `id` is the issuer's id, or the organisation's for an organisation's own badges. */
export interface IssuerProfile {
  readonly id: string
  readonly organisationId: string
  readonly name: string
  readonly url: string | undefined
  readonly email: string | undefined
  readonly description: string | undefined
  readonly image: string | undefined
}

/** The profile of an issuer. */
export const ofIssuer = (issuer: Issuer): IssuerProfile => ({
  id: issuer.id,
  organisationId: issuer.organisationId,
  name: issuer.name,
  url: issuer.url,
  email: issuer.email,
  description: issuer.description,
  image: issuer.imageUrl
})

/** The profile of an organisation, the issuer of its badges that name no issuer. */
export const ofOrganisation = (organisation: Organisation): IssuerProfile => ({
  id: organisation.id,
  organisationId: organisation.id,
  name: organisation.name,
  url: organisation.url,
  email: organisation.email,
  description: undefined,
  image: organisation.imageUrl
})

/** The id of the profile that issues a definition's awards. */
export const profileIdOf = (definition: BadgeDefinition): string => definition.issuerId ?? definition.organisationId
