/**
 * @since 0.1.0
 */
export * as Migrations from "./Migrations.js"
export * as SqlActivityStore from "./SqlActivityStore.js"
export * as SqlApiKeyStore from "./SqlApiKeyStore.js"
export * as SqlAwardStore from "./SqlAwardStore.js"
export * as SqlClaimCodeStore from "./SqlClaimCodeStore.js"
export * as SqlDefinitionStore from "./SqlDefinitionStore.js"
export * as SqlGrantStore from "./SqlGrantStore.js"
export * as SqlImageStore from "./SqlImageStore.js"
export * as SqlJobStore from "./SqlJobStore.js"
export * as SqlOutboxStore from "./SqlOutboxStore.js"
export * as SqlSecretStore from "./SqlSecretStore.js"
export * as SqlStores from "./SqlStores.js"
export * as SqlTenancyStore from "./SqlTenancyStore.js"
export * as SqlTransactions from "./SqlTransactions.js"
export * as SqlWebhookStore from "./SqlWebhookStore.js"
export * as TablePrefix from "./TablePrefix.js"
