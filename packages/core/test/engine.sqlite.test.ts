import { SqliteStore } from "@badge-engine/sqlite"
import { engineScenarios } from "./engine/scenarios.js"

engineScenarios("SQLite :memory:", SqliteStore.layer({ filename: ":memory:" }), { propertyRuns: 25 })
