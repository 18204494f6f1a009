/**
 * @since 0.1.0
 */
export * as Migrations from "./Migrations.js"
export * as SqlBadgeStore from "./SqlBadgeStore.js"
