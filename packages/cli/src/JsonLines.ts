/**
 * The server's log: one JSON object per line on stdout, as `Logger.jsonLogger` formats them, written in batches.
 * A request line per request written on its own costs a system call each (about a twentieth of the server's time
 * under load); lines formatted within one turn of the event loop are written together, and whatever is pending is
 * written synchronously when the process exits, so no line is lost.
 *
 * @since 0.1.0
 */
import { Logger } from "effect"
import * as fs from "node:fs"

let pending: Array<string> = []
let scheduled = false

const flush = () => {
  scheduled = false
  if (pending.length === 0) return
  const text = `${pending.join("\n")}\n`
  pending = []
  process.stdout.write(text)
}

process.on("exit", () => {
  if (pending.length === 0) return
  const text = `${pending.join("\n")}\n`
  pending = []
  try {
    fs.writeSync(process.stdout.fd, text)
  } catch {
    // stdout is gone (a closed pipe): there is nowhere left to write to.
  }
})

/** JSON lines on stdout, written once per turn of the event loop. */
export const logger: Logger.Logger<unknown, void> = Logger.map(Logger.jsonLogger, (line) => {
  pending.push(line)
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
})
