/**
 * The `badge-engine` command line: serve, migrate, organisations, API keys, backfill and a demo.
 * Every command takes `--database` (else `DATABASE_URL`, else `./badge-engine.db`).
 *
 * @since 0.1.0
 */
import {
  type ApiKeyId,
  ApiKeys,
  Backfill,
  type BadgeDefinitionId,
  Definitions,
  OrganisationId,
  Organisations,
  Role
} from "@badge-engine/core"
import { PublicUrl, Server } from "@badge-engine/server"
import { Args, type CliApp, Command, Options } from "@effect/cli"
import { Effect, Layer, Logger, Option, Redacted, Stream } from "effect"
import { badgekitKeysCommand, badgekitSecret, masterSecretOf } from "./BadgeKitCommands.js"
import * as Database from "./Database.js"
import { database, withEngine } from "./Engine.js"
import { grantsCommand, secretsCommand } from "./GrantCommands.js"
import { issuerKeysCommand } from "./IssuerKeyCommands.js"
import { jobsCommand, webhooksCommand } from "./JobCommands.js"
import * as JsonLines from "./JsonLines.js"

const serve = Command.make("serve", {
  database,
  port: Options.integer("port").pipe(Options.withDefault(3000), Options.withDescription("the port to listen on")),
  host: Options.text("host").pipe(
    Options.withPseudoName("ADDRESS"),
    Options.withDefault("127.0.0.1"),
    Options.withDescription("the address to listen on (0.0.0.0: every interface)")
  ),
  publicUrl: Options.text("public-url").pipe(
    Options.withSchema(PublicUrl.BaseUrl.annotations({
      message: () =>
        "--public-url must be an absolute http(s) URL without query or fragment, such as https://badges.example.org"
    })),
    Options.withPseudoName("URL"),
    Options.withDescription("the URL clients reach the server at (default: http://{host}:{port})"),
    Options.optional
  ),
  badgekitSecret
}, ({ badgekitSecret, database, host, port, publicUrl }) =>
  Effect.gen(function*() {
    const resolved = yield* Database.resolve(database)
    const url = Option.getOrUndefined(publicUrl)
    yield* Effect.logInfo("starting").pipe(
      Effect.annotateLogs({ database: Database.describe(resolved), host, port, publicUrl: url ?? "(the address)" })
    )
    if (url === undefined && wildcardHosts.has(host)) {
      // Links and images would print a bind-all address no client can open.
      yield* Effect.logWarning(`listening on ${host} without --public-url: absolute URLs will name ${host}`)
    }
    return yield* Layer.launch(
      Server.layer({ port, host, publicUrl: url, badgekitSecret: masterSecretOf(badgekitSecret), traced: false }).pipe(
        Layer.provide(Database.layer(resolved))
      )
    ).pipe(
      // Nothing exports traces here: the engine's spans would be made and dropped at every step.
      Effect.withTracerEnabled(false)
    )
  }).pipe(
    // One JSON object per line: what log collectors read. Secrets are never logged.
    Effect.provide(Logger.replace(Logger.prettyLoggerDefault, JsonLines.logger))
  )).pipe(Command.withDescription("serve the HTTP API (stops cleanly on SIGTERM)"))

/** Addresses that bind every interface: no client reaches the server at them. */
const wildcardHosts = new Set(["0.0.0.0", "::", "[::]"])

const migrate = Command.make("migrate", { database }, ({ database }) =>
  Effect.gen(function*() {
    const resolved = yield* Database.resolve(database)
    yield* Effect.scoped(Layer.build(Database.layer(resolved)))
    yield* Effect.log(`${Database.describe(resolved)} is up to date`)
  })).pipe(Command.withDescription("create or update the database schema"))

const organisationsCreate = Command.make("create", {
  database,
  id: Options.text("id").pipe(
    Options.withPseudoName("ID"),
    Options.withDescription("the organisation's id, used by every other command and API (e.g. org-nhf-oslo)")
  ),
  name: Options.text("name").pipe(Options.withPseudoName("NAME"), Options.withDescription("its display name")),
  slug: Options.text("slug").pipe(
    Options.withPseudoName("SLUG"),
    Options.withDescription("its slug in URLs (default: made from the id)"),
    Options.optional
  ),
  timezone: Options.text("timezone").pipe(
    Options.withPseudoName("ZONE"),
    Options.withDescription("the IANA time zone streak days are counted in, e.g. Europe/Oslo"),
    Options.withDefault("UTC")
  )
}, ({ database, id, name, slug, timezone }) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    const organisation = yield* organisations.create({
      id,
      name,
      timezone,
      ...Option.match(slug, {
        onNone: () => ({}),
        onSome: (slug) => ({ slug })
      })
    })
    yield* Effect.log(`organisation ${organisation.id} (${organisation.timezone}) created`)
  }).pipe(withEngine(database))).pipe(Command.withDescription("create an organisation"))

const keysCreate = Command.make("create", {
  database,
  role: Options.choice("role", Role.literals).pipe(Options.withDescription("what the key may do")),
  organisation: Options.text("organisation").pipe(
    Options.withSchema(OrganisationId),
    Options.withPseudoName("ID"),
    Options.withDescription("the organisation the key acts in (every role but system needs one)"),
    Options.optional
  ),
  subject: Options.text("subject").pipe(
    Options.withPseudoName("ID"),
    Options.withDescription("the recipient a peer_mentor key acts for (its own id in your app)"),
    Options.optional
  ),
  name: Options.text("name").pipe(
    Options.withPseudoName("NAME"),
    Options.withDescription("a note to tell keys apart in keys list"),
    Options.optional
  ),
  scope: Options.text("scope").pipe(
    Options.withPseudoName("SCOPES"),
    Options.withDescription("space-separated scopes, e.g. \"rw:issuer r:profile\" (admin default: rw:issuer)"),
    Options.optional
  )
}, ({ database, name, organisation, role, scope, subject }) =>
  Effect.gen(function*() {
    const keys = yield* ApiKeys.ApiKeys
    const { key, record } = yield* keys.create({
      role,
      organisationId: Option.getOrUndefined(organisation),
      subjectId: Option.getOrUndefined(subject),
      name: Option.getOrUndefined(name),
      scopes: Option.getOrUndefined(scope)
    })
    yield* Effect.log(`API key ${record.id} (${record.role}) created; it is shown once, below`)
    // The key alone on the last line, so scripts can take it with `tail -n 1`.
    console.log(Redacted.value(key))
  }).pipe(withEngine(database))).pipe(Command.withDescription("create an API key; prints it once, on the last line"))

const keysList = Command.make("list", { database }, ({ database }) =>
  Effect.gen(function*() {
    const keys = yield* ApiKeys.ApiKeys
    console.log(["ID", "ROLE", "ORGANISATION", "SUBJECT", "PREFIX", "STATUS", "NAME"].join("\t"))
    for (const key of yield* keys.list()) {
      console.log([
        key.id,
        key.role,
        key.organisationId ?? "-",
        key.subjectId ?? "-",
        `${key.prefix}…`,
        key.revokedAt === undefined ? "active" : "revoked",
        key.name ?? ""
      ].join("\t"))
    }
  }).pipe(withEngine(database))).pipe(Command.withDescription("list API keys (never the keys themselves)"))

const keysRevoke = Command.make(
  "revoke",
  { database, id: Args.text({ name: "id" }).pipe(Args.withDescription("the key's id, from keys list")) },
  ({ database, id }) =>
    Effect.gen(function*() {
      const keys = yield* ApiKeys.ApiKeys
      const key = yield* keys.revoke(id as ApiKeyId)
      yield* Effect.log(`API key ${key.id} revoked`)
    }).pipe(withEngine(database))
).pipe(Command.withDescription("revoke an API key"))

/**
 * Backfill progress on stderr: on a terminal, a bar redrawn in place; elsewhere (a pipe, a log file), a line at each
 * tenth of the way, so the output stays readable.
 */
const progressReporter = (dryRun: boolean, terminal: boolean) => {
  let lastTenth = -1
  return (done: number, total: number, awarded: number) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total)
    const counts = `${done}/${total} recipients (${Math.round(ratio * 100)}%), ${
      dryRun ? "would award" : "awarded"
    } ${awarded}`
    if (terminal) {
      const width = 30
      process.stderr.write(`\r[${"#".repeat(Math.round(ratio * width)).padEnd(width, "-")}] ${counts}`)
      return
    }
    const tenth = Math.floor(ratio * 10)
    if (tenth > lastTenth) {
      lastTenth = tenth
      process.stderr.write(`${counts}\n`)
    }
  }
}

const backfill = Command.make("backfill", {
  database,
  definition: Options.text("definition").pipe(
    Options.withPseudoName("ID"),
    Options.withDescription("the badge definition's id")
  ),
  dryRun: Options.boolean("dry-run").pipe(Options.withDescription("evaluate only: write nothing"))
}, ({ database, definition, dryRun }) =>
  Effect.gen(function*() {
    const runs = yield* Backfill.Backfill
    let would = 0
    const terminal = process.stderr.isTTY === true
    const report = progressReporter(dryRun, terminal)
    const last = yield* runs.run(definition as BadgeDefinitionId, { dryRun }).pipe(
      Stream.tap((progress) =>
        Effect.sync(() => {
          would += progress.gained.length
          report(progress.done, progress.total, dryRun ? would : progress.awarded)
        })
      ),
      Stream.runLast
    )
    if (terminal) process.stderr.write("\n")
    const done = Option.match(last, { onNone: () => 0, onSome: (p) => p.done })
    yield* Effect.log(`${done} recipients evaluated; ${dryRun ? `${would} would gain the badge` : `${would} awarded`}`)
  }).pipe(withEngine(database))).pipe(Command.withDescription("evaluate a definition for every recipient"))

const demo = Command.make("demo", { database }, ({ database }) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    const definitions = yield* Definitions.Definitions
    const keys = yield* ApiKeys.ApiKeys
    const organisationId = "org-nhf-oslo" as OrganisationId
    const created = yield* organisations.create({ id: organisationId, name: "NHF Oslo", timezone: "Europe/Oslo" }).pipe(
      Effect.as(true),
      // Run again, the demo keeps the organisation it made and only makes new keys.
      Effect.catchTag("Conflict", () => Effect.succeed(false))
    )
    if (created) {
      for (const [name, description, type, threshold, category] of demoDefinitions) {
        yield* definitions.create({
          organisationId,
          name,
          description,
          imageUrl: `https://assets.example.com/badges/${name.toLowerCase().replace(/ /g, "-")}.svg`,
          rule: { type, threshold },
          category
        })
      }
    }
    console.log(`organisation ${organisationId} with ${demoDefinitions.length} badge definitions`)
    for (const [role, subject] of [["admin"], ["coordinator"], ["peer_mentor", "pm-kari-001"], ["system"]] as const) {
      const { key } = yield* keys.create({ role, organisationId, subjectId: subject, name: `demo ${role}` })
      console.log(`${role.padEnd(12)} ${Redacted.value(key)}`)
    }
  }).pipe(withEngine(database))).pipe(
    Command.withDescription("a demo organisation with the seed's definitions, and keys")
  )

const demoDefinitions = [
  ["First Session", "Awarded after completing your first peer mentoring session", "session_count", 1, "milestone"],
  ["Streak Champion", "Maintained an active mentoring streak for 30 consecutive days", "streak_days", 30, "engagement"],
  ["Training Master", "Completed 10 or more training modules", "training_completion_count", 10, "learning"]
] as const

/** The whole command line. */
const command = Command.make("badge-engine").pipe(
  Command.withDescription(
    "badge definitions, awards, grants and claim codes, served over HTTP on SQLite or PostgreSQL. Add --verbose to any "
      + "command to see the whole error when one fails. Exit codes: 0 done, 1 the command line is wrong, 2 the "
      + "command could not be done."
  ),
  Command.withSubcommands([
    serve,
    migrate,
    Command.make("organisations").pipe(Command.withSubcommands([organisationsCreate])),
    Command.make("keys").pipe(Command.withSubcommands([keysCreate, keysList, keysRevoke])),
    grantsCommand,
    secretsCommand,
    jobsCommand,
    webhooksCommand,
    badgekitKeysCommand,
    issuerKeysCommand,
    backfill,
    demo
  ])
)

/** Runs the command line on `argv`. */
export const run: (argv: ReadonlyArray<string>) => Effect.Effect<void, unknown, CliApp.CliApp.Environment> = Command
  .run(command, { name: "badge-engine", version: "0.1.0" })
