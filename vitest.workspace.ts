import * as fs from "node:fs"
import * as path from "node:path"
import { defineWorkspace } from "vitest/config"

/** Every package, every example and the benchmarks' smoke run, where a `test/` folder exists. */
const candidates = [
  ...["packages", "examples"].flatMap((parent) => fs.readdirSync(parent).map((name) => path.join(parent, name))),
  "bench"
]

export default defineWorkspace(
  candidates.filter((dir) => fs.existsSync(path.join(dir, "test"))).map((root) => ({
    test: {
      name: root,
      root,
      // Compiled output under build/ is never collected.
      include: ["test/**/*.test.ts"],
      // A package whose tests need something made first (the command line's: its build) says so in this file.
      globalSetup: fs.existsSync(path.join(root, "test", "globalSetup.ts"))
        ? [path.resolve(root, "test", "globalSetup.ts")]
        : [],
      testTimeout: 60_000,
      hookTimeout: 60_000
    }
  }))
)
