/**
 * badge-engine's core: the model, the storage port, and the engine's services.
 *
 * @since 0.1.0
 */

// The model
export * from "./Activity.js"
export * from "./ApiKey.js"
export * from "./Award.js"
export * from "./BadgeDefinition.js"
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
export * from "./Validation.js"

// The storage port
export * from "./BadgeStore.js"

// The engine
export * as Activities from "./Activities.js"
export * as Awarding from "./Awarding.js"
export * as Backfill from "./Backfill.js"
export * as Calendar from "./Calendar.js"
export * as Criteria from "./Criteria.js"
export * as CriteriaRegistry from "./CriteriaRegistry.js"
export * as Definitions from "./Definitions.js"
export * as Engine from "./Engine.js"
export * as Evaluation from "./Evaluation.js"
export * from "./Events.js"
export * as Organisations from "./Organisations.js"
export * as Progress from "./Progress.js"
