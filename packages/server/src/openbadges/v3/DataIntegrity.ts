/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C Data Integrity EdDSA Cryptosuites v1.0): the
 * document and the proof options are each canonicalized with RDFC-1.0 (`jsonld`, over the bundled contexts) and
 * hashed with SHA-256; the proof options' hash followed by the document's is signed with Ed25519.
 *
 * @since 0.1.0
 */
import type { Credentials, IssuerKey } from "@badge-engine/core"
import { Multikey } from "@badge-engine/core"
import { Effect } from "effect"
import jsonld from "jsonld"
import { createHash } from "node:crypto"
import { documentLoader } from "./Contexts.js"

type JsonObject = Credentials.JsonObject

/** A proof's options: everything but its value. */
export interface ProofOptions {
  readonly type: "DataIntegrityProof"
  readonly cryptosuite: "eddsa-rdfc-2022"
  readonly created: string
  readonly verificationMethod: string
  readonly proofPurpose: "assertionMethod"
}

/** The RDFC-1.0 canonical N-Quads of a document, its contexts from the bundle; an unknown term fails (safe mode). */
export const canonicalize = (document: JsonObject): Promise<string> =>
  jsonld.canonize(document as jsonld.JsonLdDocument, {
    algorithm: "URDNA2015",
    format: "application/n-quads",
    documentLoader: documentLoader as never,
    safe: true
  } as jsonld.Options.Normalize) as Promise<string>

const sha256 = (text: string): Uint8Array => new Uint8Array(createHash("sha256").update(text, "utf8").digest())

/** What is signed: the hash of the canonical proof options (in the document's contexts), then the document's. */
export const hashData = async (document: JsonObject, options: ProofOptions): Promise<Uint8Array> => {
  const { proof: _, ...unsecured } = document
  const [proofHash, documentHash] = await Promise.all([
    canonicalize({ "@context": document["@context"], ...options }).then(sha256),
    canonicalize(unsecured).then(sha256)
  ])
  const data = new Uint8Array(64)
  data.set(proofHash, 0)
  data.set(documentHash, 32)
  return data
}

/**
 * The document with a proof made by `sign` (an Ed25519 signer giving a base58btc `proofValue`). The proof is a set
 * of one, as the Open Badges 3.0 schema requires an array.
 */
export const secure = <E, R>(
  document: JsonObject,
  options: ProofOptions,
  sign: (data: Uint8Array) => Effect.Effect<string, E, R>
): Effect.Effect<JsonObject, E, R> =>
  Effect.promise(() => hashData(document, options)).pipe(
    Effect.flatMap(sign),
    Effect.map((proofValue) => ({ ...document, proof: [{ ...options, proofValue }] }))
  )

/** Proof options for a key, now. */
export const proofOptions = (verificationMethod: string, created: Date): ProofOptions => ({
  type: "DataIntegrityProof",
  cryptosuite: "eddsa-rdfc-2022",
  created: created.toISOString().replace(/\.\d+Z$/, "Z"),
  verificationMethod,
  proofPurpose: "assertionMethod"
})

/** Whether a secured document's proof is a valid `eddsa-rdfc-2022` signature under one of the keys. */
export const verify = async (document: JsonObject, keys: ReadonlyArray<IssuerKey>): Promise<boolean> => {
  const proofs = Array.isArray(document.proof) ? document.proof : [document.proof]
  const proof = proofs[0] as (ProofOptions & { proofValue?: unknown }) | undefined
  if (
    proofs.length !== 1 || proof === undefined || proof.cryptosuite !== "eddsa-rdfc-2022" ||
    typeof proof.proofValue !== "string"
  ) {
    return false
  }
  const key = keys.find((candidate) => proof.verificationMethod.endsWith(`#${candidate.publicKeyMultibase}`))
  const publicKey = key === undefined ? undefined : Multikey.decodePublicKey(key.publicKeyMultibase)
  if (publicKey === undefined) return false
  const { proofValue, ...options } = proof
  try {
    return Multikey.verify(publicKey, await hashData(document, options), proofValue)
  } catch {
    return false
  }
}
