/**
 * Every storage port, as one type: what a store layer (`@badge-engine/sqlite`, `@badge-engine/pg`) provides.
 *
 * @since 0.1.0
 */
import type { ActivityStore } from "./activities/ActivityStore.js"
import type { ApiKeyStore } from "./api-keys/ApiKeyStore.js"
import type { AwardStore } from "./awards/AwardStore.js"
import type { BadgeKitKeyStore } from "./badgekit-keys/BadgeKitKeyStore.js"
import type { ClaimCodeStore } from "./claim-codes/ClaimCodeStore.js"
import type { DefinitionStore } from "./definitions/DefinitionStore.js"
import type { GrantStore } from "./grants/GrantStore.js"
import type { ImageStore } from "./images/ImageStore.js"
import type { JobStore } from "./jobs/JobStore.js"
import type { IssuerKeyStore } from "./openbadges/IssuerKeyStore.js"
import type { StatusListStore } from "./openbadges/StatusListStore.js"
import type { OutboxStore } from "./outbox/OutboxStore.js"
import type { SecretStore } from "./server-secrets/SecretStore.js"
import type { TenancyStore } from "./tenancy/TenancyStore.js"
import type { Transactions } from "./Transactions.js"
import type { WebhookStore } from "./webhooks/WebhookStore.js"

/**
 * The ports of every aggregate, the server's secrets, uploaded images, BadgeKit's consumer keys, issuer keys and status
 * lists, the jobs, the outbox and webhooks, and the transaction that spans them.
 */
export type Stores =
  | TenancyStore
  | DefinitionStore
  | ActivityStore
  | AwardStore
  | GrantStore
  | ClaimCodeStore
  | ApiKeyStore
  | SecretStore
  | ImageStore
  | JobStore
  | OutboxStore
  | WebhookStore
  | BadgeKitKeyStore
  | IssuerKeyStore
  | StatusListStore
  | Transactions
