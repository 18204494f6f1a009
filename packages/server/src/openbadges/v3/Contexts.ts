/**
 * The JSON-LD contexts credentials are canonicalized with, bundled with the server and never fetched: the W3C
 * Verifiable Credentials 2.0 context (which also defines Data Integrity proofs and Bitstring status lists) and the
 * official Open Badges 3.0.3 context. Any other URL a document names fails to load, so a document can make the
 * server fetch nothing.
 *
 * @since 0.1.0
 */
import type { RemoteDocument } from "jsonld/jsonld-spec.js"
import credentialsV2 from "./contexts/credentials-v2.json" with { type: "json" }
import openBadgesV3 from "./contexts/ob-v3p0-context-3.0.3.json" with { type: "json" }

/** The contexts by URL. */
export const bundled: ReadonlyMap<string, object> = new Map<string, object>([
  ["https://www.w3.org/ns/credentials/v2", credentialsV2],
  ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", openBadgesV3]
])

/** A JSON-LD document loader over the bundled contexts alone. */
export const documentLoader = async (url: string): Promise<RemoteDocument> => {
  const document = bundled.get(url)
  if (document === undefined) throw new Error(`the context ${url} is not bundled with the server`)
  return { contextUrl: undefined, documentUrl: url, document: document as RemoteDocument["document"] }
}
