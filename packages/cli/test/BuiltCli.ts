/**
 * The command line as it is installed: the packages built to JavaScript and run by node, without compiling the
 * sources at every start (a third of the CPU of each command under tsx). `pnpm start` and `pnpm badge-engine` run
 * the sources under tsx; `helpText.test.ts` keeps that path tested. The build runs once, before the tests
 * (`globalSetup.ts`).
 */
import * as path from "node:path"

const repository = path.join(__dirname, "..", "..", "..")
const bin = path.join(repository, "packages", "cli", "dist", "bin.js")

/** Node's arguments for `badge-engine <args>`, its workspace packages resolved to their `dist/`. */
export const cliArgs = (args: ReadonlyArray<string>): Array<string> => ["--conditions=badge-engine-built", bin, ...args]
