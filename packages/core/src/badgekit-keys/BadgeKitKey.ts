/**
 * A BadgeKit consumer key: a name and a secret that sign BadgeKit requests for one system (an organisation). The
 * secret is kept sealed under a server secret, so the server can verify signatures while the row alone reveals
 * nothing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { OrganisationId, ServerSecretId } from "../Ids.js"

/** A key's name, as a token's `key` claim carries it; `master` is the server's own and never a consumer key. */
export const BadgeKitKeyName = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
  Schema.maxLength(100),
  Schema.filter((name) => name !== "master" || "master is the server's own key"),
  Schema.annotations({ message: () => "a key name is letters, digits and _.:- (at most 100), and not master" })
)

/** A secret given by an operator: at least 16 characters (about 128 bits when random), at most 256. */
export const BadgeKitSecret = Schema.String.pipe(
  Schema.minLength(16),
  Schema.maxLength(256),
  Schema.annotations({ message: () => "a secret is 16 to 256 characters" })
)

/** A consumer key as stored: its secret sealed (AES-GCM) under the server secret `sealedUnder`. */
export class BadgeKitKey extends Schema.Class<BadgeKitKey>("BadgeKitKey")({
  name: BadgeKitKeyName,
  organisationId: OrganisationId,
  /** base64url of the IV and the AES-GCM ciphertext of the secret. */
  sealedSecret: Schema.String,
  sealedUnder: ServerSecretId,
  createdAt: Schema.DateTimeUtcFromSelf
}) {}
