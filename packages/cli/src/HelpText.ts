/**
 * How help reads. `@effect/cli` prints a subcommand's usage as `$ create …`, puts "A user-defined piece of text."
 * before each text option's own description, and colours its output on a pipe too; it has no setting for any of
 * them. Help passes through this console on its way out: the usage line names the whole command, the filler line
 * goes, and colour stays for terminals.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"

// Colour codes start with ESC, a control character: the patterns are built from strings to say so plainly.
const escape = String.fromCharCode(27)
const code = `${escape}\\[[0-9;]*m`
const filler = new RegExp(
  `^[ \\t]*(?:${code})*A user-defined piece of text\\.(?:${code})*[ \\t]*\\n(?:[ \\t]*\\n)?`,
  "gm"
)
const ansi = new RegExp(code, "g")

/** Help text as the user reads it, for the command given (`"keys create"`, or `""` for the root). */
export const rewrite = (text: string, command: string, colour: boolean): string => {
  const words = command.split(" ").filter((word) => word !== "")
  const last = words.at(-1)
  const named = last === undefined
    ? text
    : text.replace(new RegExp(`^\\$ ${last}(?= |$)`, "m"), `$ badge-engine ${words.join(" ")}`)
  const plain = named.replace(filler, "")
  return colour ? plain : plain.replace(ansi, "")
}

/** Runs `self` with its console's log lines rewritten as help for `command`. */
export const rewriting = (command: string, colour: boolean) => <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.consoleWith((console) => {
    const log = (...args: ReadonlyArray<unknown>) =>
      args.map((arg) => typeof arg === "string" ? rewrite(arg, command, colour) : arg)
    return Effect.withConsole(self, {
      ...console,
      log: (...args: ReadonlyArray<unknown>) => console.log(...log(...args)),
      unsafe: { ...console.unsafe, log: (...args: ReadonlyArray<unknown>) => console.unsafe.log(...log(...args)) }
    })
  })
