/**
 * Runs every shell example of docs/openbadges.md, in order, in one shell, against a real server with an admin key.
 */
import { ApiKeys, type OrganisationId, Organisations } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { baseUrl, serverUnderTest } from "./http/harness.js"

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "openbadges.md"), "utf8")
const blocks = Array.from(doc.matchAll(/```sh\n([\s\S]*?)```/g), (match) => match[1]!)

layer(serverUnderTest(SqliteStore.layer({ filename: ":memory:" })), { excludeTestServices: true })(
  "docs/openbadges.md",
  (it) => {
    it.effect("every example works as printed", () =>
      Effect.gen(function*() {
        expect(blocks.length).toBeGreaterThan(5)
        const organisationId = "org-nhf-oslo" as OrganisationId
        yield* Effect.flatMap(Organisations.Organisations, (organisations) =>
          organisations.create({ id: organisationId, name: "NHF Oslo", timezone: "Europe/Oslo" }))
        const made = yield* Effect.flatMap(ApiKeys.ApiKeys, (keys) =>
          keys.create({ role: "admin", organisationId }))
        const env = { ...process.env, BASE_URL: yield* baseUrl, ADMIN_KEY: Redacted.value(made.key) }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-ob-docs-"))
        const script = ["set -euo pipefail", ...blocks].join("\n")
        // Asynchronously: the server answers on this same event loop.
        const output = yield* Effect.tryPromise(() =>
          new Promise<string>((resolve, reject) =>
            execFile(
              "bash",
              ["-c", script],
              { cwd: dir, env, encoding: "utf8", timeout: 50_000 },
              (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message}\n${stderr}\n${stdout.slice(-2000)}`)) : resolve(stdout)
            )
          )
        ).pipe(Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))))
        expect(output).toContain("\"verification\":{\"type\":\"hosted\"}")
        expect(output).toContain("\"type\":\"BadgeClass\"")
        expect(output).toContain("\"type\":\"Issuer\"")
        expect(output).toContain("recipient matches")
        expect(output).toContain("Verified.")
        expect(output).toContain("unbaked to http")
        expect(output).toContain("410\n")
        expect(output).toContain("\"revoked\":true,\"revocationReason\":\"issued by mistake\"")
      }), { timeout: 60_000 })
  }
)
