/**
 * The server's edges (contracts' handlers, health, pages) call the engine's services: none of them names a storage
 * port. The composition root that picks the store layer is the host's, or the command line's (`@badge-engine/cli`).
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.join(__dirname, "..", "src")
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
  it("name no storage port", () => {
    const offenders = sources(root)
      .map((file) => path.relative(root, file))
      .filter((file) => ports.test(fs.readFileSync(path.join(root, file), "utf8")))
    expect(offenders).toEqual([])
  })
})
