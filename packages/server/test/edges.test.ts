/**
 * The server's edges (contracts' handlers, health, the command line) call the engine's services: none of them names
 * a storage port. Only the composition root, which picks the store layer, names the stores.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.join(__dirname, "..", "src")
const compositionRoot = path.join("cli", "Database.ts")
const ports =
  /\b(TenancyStore|DefinitionStore|ActivityStore|AwardStore|GrantStore|ClaimCodeStore|ApiKeyStore|SecretStore|Transactions|SqlClient)\b/

const sources = (dir: string): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : entry.name.endsWith(".ts")
      ? [path.join(dir, entry.name)]
      : []
  )

describe("the server's edges", () => {
  it("name no storage port outside the composition root", () => {
    const offenders = sources(root)
      .map((file) => path.relative(root, file))
      .filter((file) => file !== compositionRoot && ports.test(fs.readFileSync(path.join(root, file), "utf8")))
    expect(offenders).toEqual([])
  })
})
