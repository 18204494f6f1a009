/**
 * The DIDs organisations sign as. On a public URL with a domain name over https, each organisation is a path-based
 * `did:web` (`did:web:badges.example.org:orgs:{organisation id}`, its document at `/orgs/{id}/did.json`) listing every
 * key it ever had, so rotating keeps old credentials verifying. A host without a domain (an IP address, `localhost`,
 * plain http) cannot be resolved by did:web, so its organisations sign as the `did:key` of their current key, which
 * needs no resolution at all.
 *
 * @since 0.1.0
 */
import type { IssuerKey, OrganisationId } from "@badge-engine/core"
import { isIP } from "node:net"
import type { PublicUrl } from "../../PublicUrl.js"

type Urls = PublicUrl["Type"]

/** The path of an organisation's DID document. */
export const didDocumentPath = (organisationId: OrganisationId): string =>
  `/orgs/${encodeURIComponent(organisationId)}/did.json`

/** Whether did:web can name organisations on this public URL: https and a domain name. */
export const usesDidWeb = (urls: Urls): boolean => {
  const hostname = new URL(urls.base).hostname
  return urls.base.startsWith("https://") && isIP(hostname.replace(/^\[|\]$/g, "")) === 0 && hostname !== "localhost"
}

/** The did:web of an organisation: the host (a port as `%3A`), the base's path segments, `orgs`, the id. */
export const didWeb = (urls: Urls, organisationId: OrganisationId): string => {
  const segments = [urls.host.replace(":", "%3A"), ...urls.path.split("/").filter((s) => s !== "")]
  return `did:web:${[...segments, "orgs", encodeURIComponent(organisationId)].join(":")}`
}

/** The did:key of a key. */
export const didKey = (key: IssuerKey): string => `did:key:${key.publicKeyMultibase}`

/** The DID an organisation signs as with a key. */
export const issuerDid = (urls: Urls, organisationId: OrganisationId, key: IssuerKey): string =>
  usesDidWeb(urls) ? didWeb(urls, organisationId) : didKey(key)

/** The verification method of a key under a DID: the DID and the key's multibase as fragment. */
export const verificationMethod = (did: string, key: IssuerKey): string => `${did}#${key.publicKeyMultibase}`

/** An organisation's did:web document: every key it had, each an assertion method. */
export const didDocument = (did: string, keys: ReadonlyArray<IssuerKey>) => {
  const methods = keys.map((key) => ({
    id: verificationMethod(did, key),
    type: "Multikey",
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase
  }))
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id)
  }
}
