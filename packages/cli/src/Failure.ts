/**
 * What the command line prints when a command fails, and the exit code: one line that says what is wrong, one that
 * says what to do, and no stack trace unless `--verbose` asks for it.
 *
 * Exit codes: 0 done; 1 the command line is wrong (an unknown command or option, a missing or invalid value, a
 * database URL of another kind), so fix the command; 2 the command is right but could not be done (the database
 * cannot be opened or reached, the port is taken, a record is missing or already there), so fix the situation and
 * run it again.
 *
 * @since 0.1.0
 */
import { ValidationError } from "@effect/cli"
import { Cause, Schema } from "effect"

/** A command line that cannot work as given, found before anything was done. */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  problem: Schema.String,
  hint: Schema.String
}) {
  override get message(): string {
    return this.problem
  }
}

/** The exit code of a wrong command line. */
export const usage = 1
/** The exit code of a command that could not be done. */
export const runtime = 2

/** What to print, and the exit code. */
export interface Report {
  readonly lines: ReadonlyArray<string>
  readonly code: typeof usage | typeof runtime
}

/** Where the failure happened: the words of the command (`keys create`) and the database it was given. */
export interface Context {
  readonly command: string
  readonly database: string
}

const help = (context: Context) =>
  `Run "badge-engine ${context.command === "" ? "" : `${context.command} `}--help" for its options.`

const field = (error: unknown, name: string): unknown =>
  typeof error === "object" && error !== null ? (error as Record<string, unknown>)[name] : undefined

/** The error a driver or Node reports at the bottom of a chain of causes. */
const rootOf = (error: unknown): unknown => {
  let at = error
  for (let depth = 0; depth < 8; depth++) {
    const next = field(at, "cause") ??
      (Array.isArray(field(at, "errors")) ? (field(at, "errors") as Array<unknown>)[0] : undefined)
    if (next === undefined || next === null || typeof next !== "object") return at
    at = next
  }
  return at
}

const isPostgres = (database: string) => /^postgres(ql)?:\/\//i.test(database)

/** What to do about a database that could not be opened, migrated or reached. */
const storeHint = (message: string, database: string): string => {
  if (/directory does not exist/i.test(message)) {
    return "Create the directory first, or pass --database with a file in a directory that exists."
  }
  if (/database is locked|SQLITE_BUSY/i.test(message)) {
    return "Another process holds the database file: stop it, or try again when it is done."
  }
  if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/i.test(message)) {
    return "The SQLite driver (better-sqlite3) is not built: allow its build script (pnpm: --allow-build=better-sqlite3) and reinstall."
  }
  if (/readonly|EACCES|permission denied/i.test(message)) {
    return "The database file or its directory is not writable: fix its permissions, or pass another --database."
  }
  if (isPostgres(database)) {
    if (/password|authentication|role .* does not exist/i.test(message)) {
      return "PostgreSQL refused the user or password in the URL: check them, or pass another --database."
    }
    if (/database .* does not exist/i.test(message)) {
      return "Create that database first (createdb), or pass --database with one that exists."
    }
    return "Check that PostgreSQL runs at the URL's host and port and accepts connections, or pass another --database."
  }
  return "Check --database (a SQLite file path or a postgres:// URL); --verbose shows the driver's own error."
}

const notFoundHints: Record<string, string> = {
  "api key": "\"badge-engine keys list\" shows the keys and their ids.",
  "server secret": "\"badge-engine secrets list\" shows the secrets and their ids.",
  organisation: "Create it first with \"badge-engine organisations create\", or check the id."
}

/** The report for one error of the failure. */
const explain = (error: unknown, context: Context): Report => {
  if (ValidationError.isValidationError(error)) {
    // @effect/cli has printed what is wrong with the arguments already.
    return { lines: [help(context)], code: usage }
  }
  switch (field(error, "_tag")) {
    case "UsageError":
      return { lines: [(error as UsageError).problem, (error as UsageError).hint], code: usage }
    case "InvalidInput": {
      const option = String(field(error, "field")).split(".")[0]
      return { lines: [String(field(error, "message")), `Check --${option}. ${help(context)}`], code: usage }
    }
    case "NotFound": {
      const entity = String(field(error, "entity"))
      return {
        lines: [String(field(error, "message")), notFoundHints[entity] ?? `Check the ${entity}'s id.`],
        code: runtime
      }
    }
    case "Conflict":
      return {
        lines: [
          String(field(error, "message")),
          field(error, "entity") === "organisation"
            ? "Choose another --id (or --slug): an organisation has that one already."
            : "Nothing was changed."
        ],
        code: runtime
      }
    case "StoreError": {
      const message = String(field(error, "message"))
      return { lines: [message, storeHint(message, context.database)], code: runtime }
    }
    case "ServeError": {
      const root = rootOf(error)
      const port = field(root, "port")
      const address = field(root, "address")
      switch (field(root, "code")) {
        case "EADDRINUSE":
          return {
            lines: [
              `cannot listen on ${address ?? "the address"}:${port ?? "the port"}: the port is already in use`,
              "Stop what listens there, or pass --port with another port."
            ],
            code: runtime
          }
        case "EACCES":
          return {
            lines: [
              `cannot listen on ${address ?? "the address"}:${port ?? "the port"}: permission denied`,
              "Use a port above 1023, or run with the rights to bind that one."
            ],
            code: runtime
          }
        case "EADDRNOTAVAIL":
        case "ENOTFOUND":
          return {
            lines: [
              `cannot listen on ${address ?? "that address"}: no such address here`,
              "Pass --host with an address of this machine."
            ],
            code: runtime
          }
      }
      return {
        lines: [
          `cannot start the server: ${String(field(root, "message") ?? root)}`,
          "Run again with --verbose for the details."
        ],
        code: runtime
      }
    }
  }
  const message = field(error, "message")
  return {
    lines: [
      `unexpected error: ${typeof message === "string" && message !== "" ? message : String(error)}`,
      "Run again with --verbose to see where it happened."
    ],
    code: runtime
  }
}

/** The report for a command's failure: its first error explained (a failure, else a defect). */
export const report = (cause: Cause.Cause<unknown>, context: Context): Report => {
  const failure = Cause.failureOption(cause)
  const error = failure._tag === "Some" ? failure.value : Cause.squash(cause)
  return explain(error, context)
}
