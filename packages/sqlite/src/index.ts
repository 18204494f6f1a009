/**
 * @since 0.1.0
 */
export * as SqliteBadgeStore from "./SqliteBadgeStore.js"
