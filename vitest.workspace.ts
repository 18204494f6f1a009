import * as fs from "node:fs"
import * as path from "node:path"
import { defineWorkspace } from "vitest/config"

/** Every package and example with a `test/` folder is a project; compiled output under build/ is never collected. */
const projects = ["packages", "examples", "bench"].flatMap((parent) =>
  fs.existsSync(parent)
    ? fs.readdirSync(parent).map((name) => path.join(parent, name)).filter((dir) =>
      fs.existsSync(path.join(dir, "test"))
    )
    : []
)

export default defineWorkspace(projects.map((root) => ({
  test: {
    name: root,
    root,
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})))
