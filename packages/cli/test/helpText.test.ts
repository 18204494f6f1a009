import { execFile } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { rewrite } from "../src/HelpText.js"

const bin = path.join(__dirname, "..", "src", "bin.ts")

const help = (...args: ReadonlyArray<string>) =>
  new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--import", "tsx", bin, ...args],
      (error, stdout) => error === null ? resolve(stdout) : reject(error)
    )
  )

const printed = [
  "\x1b[0;1mUSAGE\x1b[0m",
  "",
  "$ create [--database PATH|URL] --role admin",
  "",
  "\x1b[0;1m--database PATH|URL\x1b[0m",
  "",
  "  A user-defined piece of text.",
  "",
  "  a SQLite file path or a postgres:// URL",
  ""
].join("\n")

describe("help", () => {
  it("names the whole command in its usage line and drops the library's filler line", () => {
    const text = rewrite(printed, "keys create", true)
    expect(text).toContain("$ badge-engine keys create [--database PATH|URL] --role admin")
    expect(text).not.toContain("A user-defined piece of text.")
    expect(text).toContain("  a SQLite file path or a postgres:// URL")
    expect(text).toContain("\x1b[0;1mUSAGE\x1b[0m")
  })

  it("is plain text when written to a pipe", () => {
    expect(rewrite(printed, "keys create", false)).not.toContain("\x1b[")
  })

  it("leaves the root's usage line as it is", () => {
    expect(rewrite("$ badge-engine [--version]", "", false)).toBe("$ badge-engine [--version]")
  })

  it("reads so from the executable, on a pipe", async () => {
    const text = await help("keys", "create", "--help")
    expect(text).toMatch(/^\$ badge-engine keys create \[--database PATH\|URL\]/m)
    expect(text).not.toContain("A user-defined piece of text.")
    expect(text).not.toContain("\x1b[")
  }, 60_000)

  it("names the option a refused value was given to", async () => {
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", bin, "serve", "--public-url", "ftp://x"],
        (error, _, stderr) => resolve({ code: error === null ? 0 : (error.code as number), stderr })
      )
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain("--public-url must be an absolute http(s) URL")
    expect(refused.stderr).not.toMatch(/^\s+at /m)
  }, 60_000)
})
