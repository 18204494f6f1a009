import { execFileSync } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

describe("examples/embedded", () => {
  it("runs, awards both badges as the sessions come in, and prints the progress screen", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src", "main.ts")], {
      encoding: "utf8"
    })
    expect(output).toContain("2026-03-02: earned 1 badge(s)")
    expect(output).toContain("event BadgeAwarded for pm-kari-001")
    expect(output).toContain("2026-03-03: no new badge")
    expect(output).toContain("2026-03-04: earned 1 badge(s)")
    expect(output).toContain("✔ First Session: 1/1")
    expect(output).toContain("✔ Three Day Streak: 3/3")
  })
})
