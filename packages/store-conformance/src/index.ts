/**
 * @since 0.1.0
 */
export * as Fixtures from "./fixtures.js"
export * from "./StoreContract.js"
export * from "./Upgrade.js"
