import { SqliteBadgeStore } from "@badge-engine/sqlite"
import { httpSuite } from "./http/suite.js"

httpSuite("SQLite", SqliteBadgeStore.layer({ filename: ":memory:" }))
