/**
 * An organisation's signing key for Open Badges 3.0 credentials: an Ed25519 key pair. Only the public key is stored;
 * the private key is derived again whenever it signs, from the key's id under a server secret, so the database alone
 * holds nothing that signs.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { OrganisationId, ServerSecretId } from "../Ids.js"

/** The id of an issuer key. */
export const IssuerKeyId = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100), Schema.brand("IssuerKeyId"))
/** @since 0.1.0 */
export type IssuerKeyId = typeof IssuerKeyId.Type

/** The purpose of the server secrets issuer keys are derived under. */
export const issuerKeyPurpose = "openbadges-issuer-keys"

/**
 * An organisation's key pair. The newest generation signs; older ones stay published, so what they signed still
 * verifies.
 */
export class IssuerKey extends Schema.Class<IssuerKey>("IssuerKey")({
  id: IssuerKeyId,
  organisationId: OrganisationId,
  /** 1 for an organisation's first key, one more for each rotation: the database keeps it unique per organisation. */
  generation: Schema.Int.pipe(Schema.positive()),
  /** The Ed25519 public key as a Multikey `publicKeyMultibase` (`z6Mk…`). */
  publicKeyMultibase: Schema.String.pipe(Schema.pattern(/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/)),
  /** The server secret the private key is derived under. */
  secretId: ServerSecretId,
  createdAt: Schema.DateTimeUtcFromSelf
}) {}
