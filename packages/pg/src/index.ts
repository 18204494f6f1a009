/**
 * @since 0.1.0
 */
export * as PgBadgeStore from "./PgBadgeStore.js"
