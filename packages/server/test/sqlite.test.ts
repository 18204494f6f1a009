import { SqliteStore } from "@badge-engine/sqlite"
import { httpSuite } from "./http/suite.js"

httpSuite("SQLite", SqliteStore.layer({ filename: ":memory:" }))
