/**
 * The command line, run as an operator runs it: a real process per command, against a SQLite file.
 */
import {
  Activities,
  Definitions,
  Engine,
  Grants,
  JobWorker,
  type OrganisationId,
  Organisations
} from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { DateTime, Effect, Layer } from "effect"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { createHmac } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliArgs } from "./BuiltCli.js"

let dir = ""
let database = ""

/** Runs `badge-engine <args> --database <the test's file>` and resolves with its exit code and output. */
const cli = (...args: ReadonlyArray<string>) => cliOn(database, ...args)

/** Runs `badge-engine <args> --database <database>`. */
const cliOn = (database: string, ...args: ReadonlyArray<string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      cliArgs([...args, "--database", database]),
      { encoding: "utf8", timeout: 60_000, env: { ...process.env, DATABASE_URL: "" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })

const lastLine = (text: string) => text.trim().split("\n").at(-1)!

/** A BadgeKit token for a GET, signed as BadgeKit's clients sign (HS256, `exp` in milliseconds). */
const token = (options: { method: string; path: string; key: string; secret: string }) => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const input = `${encode({ typ: "JWT", alg: "HS256" })}.${
    encode({ key: options.key, exp: Date.now() + 60_000, method: options.method, path: options.path })
  }`
  return `${input}.${createHmac("sha256", options.secret).update(input).digest("base64url")}`
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-cli-"))
  database = path.join(dir, "badges.db")
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/**
 * The engine in this process over the commands' database, as a host app beside them: it runs no job worker, so the
 * jobs the commands leave queued stay queued for the tests that read them.
 */
const engineOverDatabase = () =>
  Engine.layer.pipe(
    Layer.provide(SqliteStore.layer({ filename: database })),
    Layer.provide(Layer.succeed(JobWorker.Settings, { ...JobWorker.Settings.defaultValue(), enabled: false }))
  )

describe("badge-engine command line", () => {
  it("migrates, creates an organisation, and makes, lists and revokes API keys", async () => {
    expect((await cli("migrate")).code).toBe(0)
    expect(fs.existsSync(database)).toBe(true)
    const org = await cli(
      "organisations",
      "create",
      "--id",
      "org-cli",
      "--name",
      "CLI Org",
      "--timezone",
      "Europe/Oslo"
    )
    expect(org.code).toBe(0)
    const bad = await cli("organisations", "create", "--id", "org-bad", "--name", "Bad", "--timezone", "Mars/Base")
    expect(bad.code).not.toBe(0)

    const created = await cli("keys", "create", "--role", "admin", "--organisation", "org-cli", "--name", "ops")
    expect(created.code).toBe(0)
    const key = lastLine(created.stdout)
    expect(key).toMatch(/^be_[A-Za-z0-9_-]{43}$/)
    // The secret is printed once and appears in no log line.
    expect(created.stderr).not.toContain(key)
    expect(created.stdout.split("\n").filter((line) => line.includes(key))).toHaveLength(1)

    const orphan = await cli("keys", "create", "--role", "coordinator")
    expect(orphan.code).not.toBe(0)

    const listed = await cli("keys", "list")
    expect(listed.stdout).not.toContain(key)
    expect(listed.stdout.split("\n")[0]).toBe("ID\tROLE\tORGANISATION\tSUBJECT\tPREFIX\tSTATUS\tNAME")
    const row = listed.stdout.split("\n").find((line) => line.includes("org-cli"))!
    expect(row).toContain("admin")
    expect(row).toContain("active")
    const id = row.split("\t")[0]!
    expect((await cli("keys", "revoke", id)).code).toBe(0)
    expect((await cli("keys", "list")).stdout).toContain("revoked")
  }, 120_000)

  it("lists and rotates an organisation's Open Badges signing keys, the old ones still published", async () => {
    expect((await cli("issuer-keys", "rotate", "org-cli")).code).toBe(0)
    expect((await cli("issuer-keys", "rotate", "org-cli")).code).toBe(0)
    const rows = (await cli("issuer-keys", "list", "org-cli")).stdout.trim().split("\n")
      .filter((line) => line.includes("generation"))
    expect(rows.map((row) => row.split("\t").slice(1, 2).concat(row.split("\t")[3]!))).toEqual([
      ["generation 2", "signing"],
      ["generation 1", "published"]
    ])
    expect(rows.every((row) => /\tz6Mk[1-9A-HJ-NP-Za-km-z]+\t/.test(row))).toBe(true)
    expect((await cli("issuer-keys", "rotate", "org-missing")).code).not.toBe(0)
  }, 120_000)

  it("revokes a grant, and the award its acceptance made", async () => {
    expect((await cli("demo")).code).toBe(0)
    // Offer and accept as a host app on the same file would, then revoke from the command line.
    const { awardId, grantId } = await Effect.runPromise(
      Effect.gen(function*() {
        const definitions = yield* Definitions.Definitions
        const page = yield* definitions.list({ organisationId: "org-nhf-oslo" as OrganisationId }, {
          page: 1,
          limit: 1
        })
        const grants = yield* Grants.Grants
        const offered = yield* grants.offer({ definitionId: page.items[0]!.definition.id, email: "kari@example.org" })
        const { award } = yield* grants.accept(offered.grant.id, offered.acceptKey)
        return { grantId: offered.grant.id, awardId: award.id }
      }).pipe(
        Effect.provide(engineOverDatabase()),
        Effect.scoped
      )
    )
    const revoked = await cli("grants", "revoke", grantId)
    expect(revoked.code).toBe(0)
    expect(revoked.stdout + revoked.stderr).toContain(awardId)
    const again = await cli("grants", "revoke", grantId)
    expect(again.code).not.toBe(0)
  }, 120_000)

  it("lists, rotates and retires the accept links' secrets, never printing their values", async () => {
    expect((await cli("migrate")).code).toBe(0)
    // Twice: on a database without a secret yet, the first rotation makes the first.
    expect((await cli("secrets", "rotate")).code).toBe(0)
    expect((await cli("secrets", "rotate")).code).toBe(0)
    const rows = (await cli("secrets", "list")).stdout.trim().split("\n").filter((line) => line.includes("generation"))
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(rows.every((row) => row.includes("live"))).toBe(true)
    const oldest = rows.at(-1)!.split("\t")[0]!
    expect((await cli("secrets", "retire", oldest)).code).toBe(0)
    const after = (await cli("secrets", "list")).stdout
    expect(after.split("\n").find((row) => row.startsWith(oldest))).toContain("retired")
    expect((await cli("secrets", "retire", "secret-missing")).code).not.toBe(0)
  }, 120_000)

  it("makes a demo organisation with keys, and a backfill dry run reports its progress", async () => {
    const demo = await cli("demo")
    expect(demo.code).toBe(0)
    expect(demo.stdout).toContain("organisation org-nhf-oslo with 3 badge definitions")
    expect(demo.stdout).toMatch(/system\s+be_/)
    const missing = await cli("backfill", "--definition", "bdg-missing", "--dry-run")
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("badge definition bdg-missing was not found")

    const { definitionId } = await Effect.runPromise(
      Effect.gen(function*() {
        const definitions = yield* Definitions.Definitions
        const activities = yield* Activities.Activities
        // An organisation of its own, so that the demo's keeps its three definitions.
        const { id: organisationId } = yield* Effect.flatMap(
          Organisations.Organisations,
          (organisations) => organisations.create({ id: "org-backfill", name: "Backfill" })
        )
        const view = yield* definitions.create({
          organisationId,
          name: "Backfilled",
          rule: { type: "session_count", threshold: 1 }
        })
        for (let i = 0; i < 25; i++) {
          yield* activities.record({
            organisationId,
            recipientId: `pm-backfill-${i}`,
            type: "session_completed",
            occurredAt: DateTime.unsafeNow()
          })
        }
        return { definitionId: view.definition.id }
      }).pipe(
        Effect.provide(engineOverDatabase()),
        Effect.scoped
      )
    )
    // Written to a pipe, progress is a line per tenth of the way, never a bar redrawn with carriage returns.
    const dryRun = await cli("backfill", "--definition", definitionId, "--dry-run")
    expect(dryRun.code).toBe(0)
    expect(dryRun.stderr).not.toContain("\r")
    expect(dryRun.stderr).toMatch(/^\d+\/\d+ recipients \(100%\), would award 0$/m)
  }, 120_000)

  it(
    "lists the demo's backfill jobs, and registers, lists and removes a webhook endpoint printing its secret once",
    async () => {
      expect((await cli("demo")).code).toBe(0)
      const jobs = await cli("jobs", "list", "--organisation", "org-nhf-oslo", "--kind", "backfill")
      expect(jobs.code).toBe(0)
      // The demo's rules wait for a server's worker: a command runs none.
      expect(jobs.stdout.split("\n").filter((line) => line.includes("\tbackfill\tqueued\t")).length).toBeGreaterThan(0)
      const registered = await cli(
        "webhooks",
        "register",
        "--organisation",
        "org-nhf-oslo",
        "--url",
        "https://hooks.example.org/badges",
        "--events",
        "badge.awarded,badge.revoked"
      )
      expect(registered.code).toBe(0)
      const secret = lastLine(registered.stdout)
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
      expect(registered.stderr).not.toContain(secret)
      expect((await cli("webhooks", "register", "--organisation", "org-nhf-oslo", "--url", "ftp://x")).code).not.toBe(0)
      const metadata = await cli(
        "webhooks",
        "register",
        "--organisation",
        "org-nhf-oslo",
        "--url",
        "http://169.254.169.254/"
      )
      expect(metadata.code).not.toBe(0)
      expect(metadata.stderr).toContain("must be a public address (169.254.169.254 is a linkLocal address")
      const listed = await cli("webhooks", "list", "--organisation", "org-nhf-oslo")
      expect(listed.stdout).not.toContain(secret)
      const row = listed.stdout.split("\n").find((line) => line.includes("hooks.example.org"))!
      expect(row).toContain("badge.awarded,badge.revoked")
      const id = row.split("\t")[0]!
      expect((await cli("webhooks", "deliveries", id)).code).toBe(0)
      expect((await cli("webhooks", "remove", id)).code).toBe(0)
      expect((await cli("webhooks", "remove", id)).code).not.toBe(0)
    },
    120_000
  )

  it(
    "reports each mistake in plain lines with no stack trace: exit 1 for the command line, 2 for the rest",
    async () => {
      const missingDirectory = path.join(dir, "no-such-directory", "badges.db")
      const mistakes = await Promise.all([
        cliOn(missingDirectory, "migrate"),
        cliOn("mysql://root:secret@127.0.0.1/badges", "migrate"),
        cli("keys", "create", "--rolee", "admin"),
        cli("organisations", "create", "--id", "org-tz", "--name", "TZ", "--timezone", "Mars/Base"),
        cli("keys", "revoke", "key-missing")
      ])
      const [directory, mysql, flag, timezone, unknownKey] = mistakes
      expect(mistakes.map((result) => result.code)).toEqual([2, 1, 1, 1, 2])
      for (const { stderr } of mistakes) {
        expect(stderr).not.toMatch(/^\s+at /m)
        expect(stderr.trim().split("\n").filter((line) => line.trim() !== "").length).toBeLessThanOrEqual(3)
      }
      expect(directory!.stderr).toContain("directory does not exist")
      expect(directory!.stderr).toContain("Create the directory first")
      expect(mysql!.stderr).toContain("unsupported database URL mysql://")
      expect(mysql!.stderr).not.toContain("secret")
      expect(flag!.stdout + flag!.stderr).toContain("Did you mean '--role'?")
      expect(flag!.stderr).toContain("badge-engine keys create --help")
      expect(timezone!.stderr).toContain("timezone: must be an IANA time zone")
      expect(unknownKey!.stderr).toContain("api key key-missing was not found")

      const verbose = await cliOn(missingDirectory, "migrate", "--verbose")
      expect(verbose.code).toBe(2)
      expect(verbose.stderr).toMatch(/^\s+at /m)
    },
    120_000
  )

  it("serves the API on the database given, and stops cleanly on SIGTERM", async () => {
    const key = lastLine((await cli("keys", "create", "--role", "system", "--name", "serve test")).stdout)
    const admin = lastLine(
      (await cli("keys", "create", "--role", "admin", "--organisation", "org-nhf-oslo", "--name", "serve test")).stdout
    )
    const consumer = await cli("badgekit-keys", "create", "--system", "org-nhf-oslo", "--key", "oslo-app")
    expect(consumer.code).toBe(0)
    const consumerSecret = lastLine(consumer.stdout)
    expect(consumerSecret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(consumer.stderr).not.toContain(consumerSecret)
    const chosen = await cli(
      "badgekit-keys",
      "create",
      "--system",
      "org-nhf-oslo",
      "--key",
      "chosen",
      "--secret",
      "s".repeat(20)
    )
    expect(chosen.code).toBe(0)
    expect(chosen.stdout + chosen.stderr).not.toContain("s".repeat(20))
    expect((await cli("badgekit-keys", "create", "--system", "no-such-system", "--key", "lost")).code).not.toBe(0)
    expect((await cli("serve", "--public-url", "ftp://badges.example.org")).code).not.toBe(0)
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const server: ChildProcess = spawn(
      process.execPath,
      cliArgs([
        "serve",
        "--port",
        String(port),
        "--public-url",
        "https://badges.example.org/",
        "--database",
        database
      ]),
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, BADGEKIT_SECRET: "master-secret-from-the-environment" }
      }
    )
    let logs = ""
    server.stdout!.on("data", (chunk) => (logs += chunk))
    server.stderr!.on("data", (chunk) => (logs += chunk))
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)))
    try {
      let health = 0
      for (let i = 0; i < 100 && health !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0)
      }
      expect(health).toBe(200)
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/earned-badges?peer_mentor_id=pm-1`, {
        headers: { authorization: `Bearer ${key}` }
      })
      expect(answer.status).toBe(200)
      // BadgeFed's URLs start with the public URL; its key may come in the query, which is never logged.
      const badges: any = await fetch(`http://127.0.0.1:${port}/api/badges?apiKey=${admin}`).then((r) => r.json())
      expect(badges.count).toBe(3)
      expect(badges.badges[0].image).toBe(`https://badges.example.org/badge-image/${badges.badges[0].id}`)
      expect(badges.badges[0].issuer.domain).toBe("badges.example.org")
      // BadgeKit: the master key's secret from BADGEKIT_SECRET, a consumer key from badgekit-keys create.
      const signed = (path: string, key: string, secret: string) =>
        fetch(`http://127.0.0.1:${port}${path}`, {
          headers: { authorization: `JWT token="${token({ method: "GET", path, key, secret })}"` }
        })
      expect((await signed("/systems", "master", "master-secret-from-the-environment")).status).toBe(200)
      const kit: any = await signed("/systems/org-nhf-oslo/badges", "oslo-app", consumerSecret).then((r) => r.json())
      expect(kit.badges).toHaveLength(3)
      expect((await signed("/systems/org-nhf-oslo/badges", "chosen", "s".repeat(20))).status).toBe(200)
      expect((await signed("/systems/org-nhf-oslo/badges", "oslo-app", "wrong-secret-entirely")).status).toBe(403)
    } finally {
      server.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
    // One JSON object per line, with the request, and never the key.
    const lines = logs.trim().split("\n").map((line) => JSON.parse(line))
    expect(lines.some((line) => line.annotations?.path === "/api/v1/earned-badges" && line.annotations?.status === 200))
      .toBe(true)
    expect(logs).not.toContain(key)
    expect(logs).not.toContain(admin)
    expect(logs).not.toContain(consumerSecret)
    expect(logs).not.toContain("master-secret-from-the-environment")
  }, 120_000)
})
