/**
 * The command line as it is installed: the packages built to JavaScript and run by node, without compiling the
 * sources at every start (a third of the CPU of each command under tsx). `pnpm start` and `pnpm badge-engine` run
 * the sources under tsx; `helpText.test.ts` keeps that path tested.
 */
import { execFile } from "node:child_process"
import * as path from "node:path"

const repository = path.join(__dirname, "..", "..", "..")
const bin = path.join(repository, "packages", "cli", "dist", "bin.js")

/** Node's arguments for `badge-engine <args>`, its workspace packages resolved to their `dist/`. */
export const cliArgs = (args: ReadonlyArray<string>): Array<string> => ["--conditions=badge-engine-built", bin, ...args]

/** `pnpm build`: incremental, about a second when nothing changed. Call it in `beforeAll`, with a long timeout. */
export const build = (): Promise<void> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(repository, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.build.json"],
      { cwd: repository, encoding: "utf8" },
      (error, stdout, stderr) =>
        error === null ? resolve() : reject(new Error(`pnpm build failed:\n${stdout}${stderr}`))
    )
  )

/** How long the first build may take on a fresh clone of a loaded machine. */
export const buildTimeout = 300_000
