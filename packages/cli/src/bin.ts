#!/usr/bin/env node
/**
 * The `badge-engine` executable. A failure prints two plain lines (what is wrong, what to do) and exits with 1 (the
 * command line is wrong) or 2 (the command could not be done); `--verbose`, anywhere, adds the whole cause.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Effect, Exit } from "effect"
import { run } from "./Cli.js"
import * as Database from "./Database.js"
import * as Failure from "./Failure.js"
import * as HelpText from "./HelpText.js"

const args = process.argv.slice(2)
const verbose = args.includes("--verbose")
const given = args.filter((arg) => arg !== "--verbose")
const context: Failure.Context = {
  // The command's words, before its first option: "keys create".
  command: given.slice(0, given.findIndex((arg) => arg.startsWith("-")) >>> 0).slice(0, 2).join(" "),
  database: Database.givenIn(given)
}

run([...process.argv.slice(0, 2), ...given]).pipe(
  HelpText.rewriting(context.command, process.stdout.isTTY === true),
  Effect.as(0),
  Effect.catchAllCause((cause) =>
    Effect.sync(() => {
      const { code, lines } = Failure.report(cause, context)
      for (const line of lines) console.error(line)
      if (verbose) console.error(Cause.pretty(cause))
      return code
    })
  ),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    // A stop by SIGTERM or SIGINT interrupts the command: a clean exit.
    teardown: (exit, onExit) =>
      onExit(
        Exit.isSuccess(exit)
          ? Number(exit.value)
          : Cause.isInterruptedOnly(exit.cause)
          ? 0
          : Failure.runtime
      )
  })
)
