/**
 * Endpoints' signing secrets: 256 bits derived from the endpoint's id under a server secret of their own purpose,
 * never stored, derived again for every delivery and whenever an admin asks to see it.
 *
 * @since 0.1.0
 */
import { Redacted } from "effect"
import type { WebhookEndpointId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import type { SecretPurpose, ServerSecret } from "../server-secrets/ServerSecret.js"

/** The purpose of the server secrets signing secrets are derived under. */
export const purpose: SecretPurpose = "webhook-signing"

/** The key an endpoint's deliveries are signed with, under a server secret. */
export const signingKey = (secret: ServerSecret, id: WebhookEndpointId): Uint8Array =>
  Secrets.hmac(Redacted.value(secret.secret), `webhook-endpoint:${id}`)
