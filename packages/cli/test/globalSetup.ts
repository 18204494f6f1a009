/**
 * Before the command line's tests: `pnpm build`, so they run the JavaScript of the sources as they are. The build
 * is incremental (about a second when nothing changed); its records live outside `dist/`, so a `dist/` deleted by
 * hand is built again in full.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const repository = path.join(__dirname, "..", "..", "..")
const packages = ["core", "sql", "sqlite", "pg", "store-conformance", "server", "cli"]

export const setup = (): void => {
  const missing = packages.some((name) => !fs.existsSync(path.join(repository, "packages", name, "dist", "index.js")))
  execFileSync(
    process.execPath,
    [
      path.join(repository, "node_modules", "typescript", "bin", "tsc"),
      "-b",
      "tsconfig.build.json",
      ...(missing ? ["--force"] : [])
    ],
    { cwd: repository, stdio: "inherit" }
  )
}
