/**
 * badge-engine's core: the model, the storage ports, and the engine's services, one folder per concept.
 *
 * @since 0.1.0
 */

// Shared by every concept
export * as Actor from "./Actor.js"
export * from "./Errors.js"
export * from "./Events.js"
export * from "./Fields.js"
export * from "./Ids.js"
export * from "./Page.js"
export * as Secrets from "./Secrets.js"
export * from "./Stores.js"
export * from "./Transactions.js"
export * from "./Validation.js"

// Tenancy: organisations, issuers, programs
export * from "./tenancy/Issuer.js"
export * as Issuers from "./tenancy/Issuers.js"
export * from "./tenancy/Organisation.js"
export * as Organisations from "./tenancy/Organisations.js"
export * from "./tenancy/TenancyStore.js"

// Badge definitions
export * from "./definitions/BadgeDefinition.js"
export * from "./definitions/DefinitionRecord.js"
export * as Definitions from "./definitions/Definitions.js"
export * from "./definitions/DefinitionStore.js"

// Activities
export * as Activities from "./activities/Activities.js"
export * from "./activities/Activity.js"
export * from "./activities/ActivityStore.js"
export * as Calendar from "./activities/Calendar.js"

// Criteria, evaluation, backfill and progress
export * as Backfill from "./criteria/Backfill.js"
export * as Criteria from "./criteria/Criteria.js"
export * as CriteriaRegistry from "./criteria/CriteriaRegistry.js"
export * as Evaluation from "./criteria/Evaluation.js"
export * as Progress from "./criteria/Progress.js"
export * from "./criteria/Rule.js"

// Awards
export * from "./awards/Award.js"
export * as Awards from "./awards/Awards.js"
export * from "./awards/AwardStore.js"

// Grants
export * as AcceptKeys from "./grants/AcceptKeys.js"
export * from "./grants/Grant.js"
export * as GrantNotifier from "./grants/GrantNotifier.js"
export * as Grants from "./grants/Grants.js"
export * from "./grants/GrantStore.js"

// Claim codes
export * from "./claim-codes/ClaimCode.js"
export * as ClaimCodeKeys from "./claim-codes/ClaimCodeKeys.js"
export * as ClaimCodes from "./claim-codes/ClaimCodes.js"
export * from "./claim-codes/ClaimCodeStore.js"

// API keys
export * from "./api-keys/ApiKey.js"
export * as ApiKeys from "./api-keys/ApiKeys.js"
export * from "./api-keys/ApiKeyStore.js"

// Server secrets
export * from "./server-secrets/SecretStore.js"
export * from "./server-secrets/ServerSecret.js"
export * as ServerSecrets from "./server-secrets/ServerSecrets.js"

// Uploaded images
export * from "./images/Image.js"
export * as ImageContent from "./images/ImageContent.js"
export * as Images from "./images/Images.js"
export * from "./images/ImageStore.js"

// Durable jobs: backfills and webhook deliveries
export * as BackfillJob from "./criteria/BackfillJob.js"
export * from "./jobs/Job.js"
export * as JobHandler from "./jobs/JobHandler.js"
export * as JobPolicy from "./jobs/JobPolicy.js"
export * as Jobs from "./jobs/Jobs.js"
export * from "./jobs/JobStore.js"
export * as JobWorker from "./jobs/JobWorker.js"

// The outbox of events
export * as Outbox from "./outbox/Outbox.js"
export * from "./outbox/OutboxEntry.js"
export * from "./outbox/OutboxStore.js"

// Webhooks
export * as WebhookDeliveryJob from "./webhooks/WebhookDeliveryJob.js"
export * as WebhookDestinations from "./webhooks/WebhookDestinations.js"
export * from "./webhooks/WebhookEndpoint.js"
export * as Webhooks from "./webhooks/Webhooks.js"
export * as WebhookSecrets from "./webhooks/WebhookSecrets.js"
export * as WebhookSignature from "./webhooks/WebhookSignature.js"
export * from "./webhooks/WebhookStore.js"
export * from "./webhooks/WebhookTransport.js"

// BadgeKit consumer keys
export * from "./badgekit-keys/BadgeKitKey.js"
export * as BadgeKitKeys from "./badgekit-keys/BadgeKitKeys.js"
export * from "./badgekit-keys/BadgeKitKeyStore.js"
// Open Badges: what every version publishes of a definition, an award and an issuer
export * as Achievement from "./openbadges/Achievement.js"
export * as IssuerProfile from "./openbadges/IssuerProfile.js"
export * as PublicBadges from "./openbadges/PublicBadges.js"
export * as RecipientIdentity from "./openbadges/RecipientIdentity.js"

// Open Badges 3.0: issuer keys, status lists, credentials
export * as Credentials from "./openbadges/Credentials.js"
export * from "./openbadges/IssuerKey.js"
export * as IssuerKeys from "./openbadges/IssuerKeys.js"
export * from "./openbadges/IssuerKeyStore.js"
export * as Multikey from "./openbadges/Multikey.js"
export * as StatusLists from "./openbadges/StatusLists.js"
export * from "./openbadges/StatusListStore.js"

// The whole engine
export * as Engine from "./Engine.js"
