export { pgTestStore, runPostgres } from "@badge-engine/pg/testing"
