/**
 * @since 0.1.0
 */
export * from "./Activity.js"
export * from "./ApiKey.js"
export * from "./Award.js"
export * from "./BadgeDefinition.js"
export * from "./BadgeStore.js"
export * from "./ClaimCode.js"
export * from "./DefinitionRecord.js"
export * from "./Errors.js"
export * from "./Fields.js"
export * from "./Grant.js"
export * from "./Ids.js"
export * from "./Issuer.js"
export * from "./Organisation.js"
export * from "./Page.js"
export * from "./Rule.js"
