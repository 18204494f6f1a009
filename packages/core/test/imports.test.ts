/**
 * core stays free of drivers, SQL and HTTP: its sources import only `effect`, `@noble/hashes` (hashing secrets),
 * `@noble/curves` (Ed25519 issuer keys), `@scure/base` (their base58 multibase form), `slugify` (the slugs core makes
 * from names, so every edge gets the same ones), `ipaddr.js` (which addresses webhooks may reach) and each other:
 * runtime-neutral JavaScript without platform modules.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"

const sources = (dir: string): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : entry.name.endsWith(".ts")
      ? [path.join(dir, entry.name)]
      : []
  )

const importsOf = (file: string): ReadonlyArray<string> =>
  Array.from(fs.readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)[^"]*from\s+"([^"]+)"/gm), (m) => m[1]!)

describe("core's imports", () => {
  it("are effect, the audited crypto libraries, a slug library and core's own modules: no driver, no SQL, no HTTP", () => {
    const root = path.join(__dirname, "..", "src")
    const foreign = sources(root).flatMap((file) =>
      importsOf(file)
        .filter((specifier) =>
          !specifier.startsWith(".") && specifier !== "effect" && specifier !== "slugify" &&
          specifier !== "ipaddr.js" &&
          !["@noble/hashes/", "@noble/curves/", "@scure/base"].some((allowed) => specifier.startsWith(allowed))
        )
        .map((specifier) => `${path.relative(root, file)}: ${specifier}`)
    )
    expect(foreign).toEqual([])
  })
})
