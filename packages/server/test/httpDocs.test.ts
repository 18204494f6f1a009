/**
 * Runs every shell example of docs/http.md, in order, in one shell, against a real server with demo keys.
 */
import { ApiKeys, Definitions, type OrganisationId, Organisations } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { advancedTraining } from "./http/badgefed.js"
import { badgekitMasterSecret, baseUrl, serverUnderTest } from "./http/harness.js"

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "http.md"), "utf8")
const blocks = Array.from(doc.matchAll(/```sh\n([\s\S]*?)```/g), (match) => match[1]!)

layer(serverUnderTest(SqliteStore.layer({ filename: ":memory:" })), { excludeTestServices: true })(
  "docs/http.md",
  (it) => {
    it.effect("every example works as printed", () =>
      Effect.gen(function*() {
        expect(blocks.length).toBeGreaterThan(10)
        const keys = yield* ApiKeys.ApiKeys
        const organisationId = "org-nhf-oslo" as OrganisationId
        yield* Effect.flatMap(Organisations.Organisations, (organisations) =>
          organisations.create({ id: organisationId, name: "NHF Oslo", timezone: "Europe/Oslo" }))
        // BadgeFed's examples list the organisation's badges: the seed's badge is among them.
        yield* Effect.flatMap(Definitions.Definitions, (definitions) =>
          definitions.create({ organisationId, ...advancedTraining }))
        const key = (role: "admin" | "coordinator" | "peer_mentor" | "system", subjectId?: string) =>
          Effect.map(keys.create({ role, organisationId, subjectId }), ({ key }) =>
            Redacted.value(key))
        const env = {
          ...process.env,
          BASE_URL: yield* baseUrl,
          ADMIN_KEY: yield* key("admin"),
          COORDINATOR_KEY: yield* key("coordinator"),
          PEER_MENTOR_KEY: yield* key("peer_mentor", "pm-kari-001"),
          SYSTEM_KEY: yield* key("system"),
          BADGEKIT_SECRET: badgekitMasterSecret
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-docs-"))
        const script = ["set -euo pipefail", ...blocks].join("\n")
        // Asynchronously: the server answers on this same event loop.
        const output = yield* Effect.tryPromise(() =>
          new Promise<string>((resolve, reject) =>
            execFile(
              "bash",
              ["-c", script],
              { cwd: dir, env, encoding: "utf8", timeout: 100_000 },
              (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message}\n${stderr}\n${stdout.slice(-2000)}`)) : resolve(stdout)
            )
          )
        ).pipe(Effect.ensuring(Effect.sync(() =>
          fs.rmSync(dir, { recursive: true, force: true })
        )))
        expect(output).toContain("\"earned_count\"")
        expect(output).toContain("\"replayed\":false")
        expect(output).toContain("\"revocation_reason\":\"awarded by mistake\"")
        expect(output).toContain("\"deleted\":true")
        expect(output).toContain("\"hashtags\":\"#training #advanced\"")
        expect(output).toContain("\"message\":\"Badge granted successfully\"")
        expect(output).toContain("\"issuedToSubjectUri\":\"mailto:jane@example.com\"")
        expect(output).toContain("Badge granted! Accept URL:")
        expect(output).toContain("\"status\":\"pending\"")
        expect(output).toContain("\"token_type\":\"Bearer\"")
        expect(output).toContain("\"entityType\":\"BadgeClass\"")
        expect(output).toContain("\"revocationReason\":\"issued by mistake\"")
        expect(output).toContain("\"claimCodeCount\":1")
        expect(output).toContain("image/png")
        expect(output).toContain("\"expires\":{\"amount\":14,\"duration\":\"days\"}")
        expect(output).toContain("badge.awarded signed v1,")
        expect(output).toContain("\"kind\":\"webhook.delivery\"")
        expect(output).toContain("\"status\":\"created\",\"badge\":{")
        expect(output).toContain("\"pageData\":{\"page\":1,\"count\":2,\"total\":3}")
        expect(output).toContain("Could not find badge field: `slug`, value: `first-session`")
        expect(output).toContain("{\"location\":\"https://bergen.example.org/open-day.png\"}")
      }), { timeout: 120_000 })
  }
)
