import { execFileSync } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

describe("examples/custom-criteria", () => {
  it("refuses a bad rule naming the field, and awards by the grade the host service reports", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src", "main.ts")], {
      encoding: "utf8"
    })
    expect(output).toContain("refused: rule.grade:")
    expect(output).toContain("pm-kari-001: earned First Aid Expert")
    expect(output).toContain("pm-lars-002: not yet")
  })
})
