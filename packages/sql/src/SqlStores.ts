/**
 * Every storage port over one `SqlClient`: what a store layer provides, on the tables of the `TablePrefix` in
 * force. The schema must be migrated first (see `Migrations`).
 *
 * @since 0.1.0
 */
import type { Stores } from "@badge-engine/core"
import type { SqlClient } from "@effect/sql"
import { Layer } from "effect"
import * as SqlActivityStore from "./SqlActivityStore.js"
import * as SqlApiKeyStore from "./SqlApiKeyStore.js"
import * as SqlAwardStore from "./SqlAwardStore.js"
import * as SqlBadgeKitKeyStore from "./SqlBadgeKitKeyStore.js"
import * as SqlClaimCodeStore from "./SqlClaimCodeStore.js"
import * as SqlDefinitionStore from "./SqlDefinitionStore.js"
import * as SqlGrantStore from "./SqlGrantStore.js"
import * as SqlImageStore from "./SqlImageStore.js"
import * as SqlIssuerKeyStore from "./SqlIssuerKeyStore.js"
import * as SqlJobStore from "./SqlJobStore.js"
import * as SqlOutboxStore from "./SqlOutboxStore.js"
import * as SqlSecretStore from "./SqlSecretStore.js"
import * as SqlStatusListStore from "./SqlStatusListStore.js"
import * as SqlTenancyStore from "./SqlTenancyStore.js"
import * as SqlTransactions from "./SqlTransactions.js"
import * as SqlWebhookStore from "./SqlWebhookStore.js"

/** Every port of `Stores` over the `SqlClient` in context. */
export const layer: Layer.Layer<Stores, never, SqlClient.SqlClient> = Layer.mergeAll(
  SqlTenancyStore.layer,
  SqlDefinitionStore.layer,
  SqlActivityStore.layer,
  SqlAwardStore.layer,
  SqlGrantStore.layer,
  SqlClaimCodeStore.layer,
  SqlApiKeyStore.layer,
  SqlSecretStore.layer,
  SqlImageStore.layer,
  SqlBadgeKitKeyStore.layer,
  SqlIssuerKeyStore.layer,
  SqlStatusListStore.layer,
  SqlJobStore.layer,
  SqlOutboxStore.layer,
  SqlWebhookStore.layer,
  SqlTransactions.layer
)
