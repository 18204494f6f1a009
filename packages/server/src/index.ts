/**
 * @since 0.1.0
 */
export * from "./Api.js"
export * from "./api/ApiErrors.js"
export * as ApiKeys from "./ApiKeys.js"
export * from "./Auth.js"
export * as Cli from "./cli/Cli.js"
export * as Database from "./cli/Database.js"
export * as Server from "./Server.js"
