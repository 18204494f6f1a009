/**
 * A credential secured as VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE"): a compact JWS whose
 * payload is the credential without a proof, its header `alg: EdDSA`, `typ: vc+jwt`, `cty: vc` and the `kid` of the
 * verification method, signed with the organisation's Ed25519 key (the same key its Data Integrity proofs use). The
 * private key never leaves the key service, so the signing input is signed there and the JWS put together here.
 *
 * @since 0.1.0
 */
import { type Credentials, Multikey } from "@badge-engine/core"
import { Effect } from "effect"
import { base64url } from "jose"

/** The media type a credential secured as a JWT is asked for and answered with. */
export const mediaType = "application/vc+jwt"

/** The compact JWT of a credential, signed by `sign` (which gives a base58btc `proofValue`) under `kid`. */
export const compactJwt = <E>(
  credential: Credentials.JsonObject,
  kid: string,
  sign: (input: Uint8Array) => Effect.Effect<string, E>
): Effect.Effect<string, E> => {
  const header = { alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid }
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(credential))}`
  return Effect.map(
    sign(new TextEncoder().encode(input)),
    (proofValue) => `${input}.${base64url.encode(Multikey.signatureBytes(proofValue))}`
  )
}

/** Whether a request's `Accept` asks for the JWT form. */
export const wantsJwt = (accept: string | undefined): boolean =>
  accept !== undefined && accept.split(",").some((range) => range.split(";")[0]!.trim().toLowerCase() === mediaType)
