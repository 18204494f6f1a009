/**
 * @since 0.1.0
 */
export * from "./auth/Authenticator.js"
export * as BadgeFed from "./contracts/badgefed/BadgeFed.js"
export * as Contract from "./contracts/Contract.js"
export * as V1Api from "./contracts/v1/Api.js"
export * as V1Errors from "./contracts/v1/Errors.js"
export * as V1 from "./contracts/v1/V1.js"
export * as PublicUrl from "./PublicUrl.js"
export * as Server from "./Server.js"
export * as WebhookConnections from "./webhooks/WebhookConnections.js"
