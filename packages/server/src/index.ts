/**
 * @since 0.1.0
 */
export * from "./Api.js"
export * from "./api/ApiErrors.js"
export * as ApiKeys from "./ApiKeys.js"
export * from "./Auth.js"
export * as Cli from "./Cli.js"
export * as Database from "./Database.js"
export * as Server from "./Server.js"
