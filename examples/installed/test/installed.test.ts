/**
 * The packages as a user gets them: each one packed by pnpm, the tarballs installed with plain npm into a fresh folder
 * outside the workspace, the host program of docs/embedding.md compiled and run with plain node, and the
 * `badge-engine` binary run through npx. better-sqlite3 compiles from source here, which takes most of the time.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const repository = path.join(__dirname, "..", "..", "..")
const published = ["core", "sql", "sqlite", "pg", "store-conformance", "server", "cli"]
/** What a user of the engine and of the command line installs (the conformance suite is for adapter authors). */
const installed = published.filter((name) => name !== "store-conformance")
const hostProgram = path.join(__dirname, "..", "src", "host.ts")
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")

let folder = ""
let tarballs = ""

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const run = (command: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = {}) =>
  new Promise<Run>((resolve) => {
    execFile(
      command,
      args,
      { cwd, encoding: "utf8", timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })

const succeed = async (command: string, args: ReadonlyArray<string>, cwd: string, env?: NodeJS.ProcessEnv) => {
  const result = await run(command, args, cwd, env)
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`)
  return result
}

const tarballOf = (name: string) => path.join(tarballs, `badge-engine-${name}-0.1.0.tgz`)

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "badge-engine-installed-"))
  tarballs = path.join(folder, "tarballs")
  for (const name of published) {
    // pnpm runs each package's prepack (its build) and writes workspace:* as the real version.
    await succeed("pnpm", ["pack", "--pack-destination", tarballs], path.join(repository, "packages", name))
  }
  const app = path.join(folder, "app")
  fs.mkdirSync(app)
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({
      name: "host-app",
      private: true,
      type: "module",
      // npm runs no dependency's install script unless allowed: the SQLite driver's compiles its addon; the others
      // are optional native speed-ups with JavaScript fallbacks.
      allowScripts: { "better-sqlite3": true, "@parcel/watcher": false, "msgpackr-extract": false }
    })
  )
  const started = Date.now()
  await succeed(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", ...installed.map(tarballOf), "effect@~3.22.4"],
    app,
    // The addon compiles against the installed Node's headers; no prebuilt binary is fetched.
    { npm_config_nodedir: process.env["npm_config_nodedir"] || "/usr", npm_config_build_from_source: "true" }
  )
  console.log(`tarballs installed with npm in ${Math.round((Date.now() - started) / 1000)} s`)
}, 20 * 60_000)

afterAll(() => {
  if (folder !== "") fs.rmSync(folder, { recursive: true, force: true })
})

const app = () => path.join(folder, "app")

describe("the packed packages, installed with npm outside the workspace", () => {
  it("hold their build, README.md, LICENSE and package.json, and name real versions of each other", async () => {
    for (const name of published) {
      const files = (await succeed("tar", ["-tzf", tarballOf(name)], folder)).stdout.trim().split("\n")
      expect(files.filter((file) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(file))).toEqual([])
      expect(files).toEqual(expect.arrayContaining(["package/dist/index.js", "package/dist/index.d.ts"]))
      const manifest = JSON.parse(
        (await succeed("tar", ["-xzOf", tarballOf(name), "package/package.json"], folder)).stdout
      )
      expect(JSON.stringify(manifest)).not.toContain("workspace:")
      expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" })
      expect(manifest.peerDependencies.effect).toMatch(/^\^3\./)
      expect(manifest.dependencies?.effect).toBeUndefined()
    }
  })

  it("run the host program of docs/embedding.md, compiled by tsc and run by node, on SQLite", async () => {
    const docs = fs.readFileSync(path.join(repository, "docs", "embedding.md"), "utf8")
    const source = fs.readFileSync(hostProgram, "utf8")
    expect(docs.match(/```ts\n([\s\S]*?)```/)![1]).toBe(source)
    expect(source.trim().split("\n").length).toBeLessThanOrEqual(15)
    fs.writeFileSync(path.join(app(), "host.ts"), source)
    fs.writeFileSync(
      path.join(app(), "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: true,
          types: []
        },
        files: ["host.ts"]
      })
    )
    await succeed(process.execPath, [tsc, "-p", "."], app())
    const { stdout } = await succeed(process.execPath, ["host.js"], app())
    expect(stdout.trim()).toBe("1 awarded [ 'forste-okt 2/2' ]")
  }, 120_000)

  it("give npx badge-engine, whose serve answers and stops on SIGTERM", async () => {
    const help = await succeed("npx", ["badge-engine", "--help"], app())
    expect(help.stdout).toContain("serve")

    const port = 20_000 + Math.floor(Math.random() * 20_000)
    // In a process group of its own, stopped as a terminal or a service manager stops it: the whole group.
    const server: ChildProcess = spawn("npx", ["badge-engine", "serve", "--port", String(port)], {
      cwd: app(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "" }
    })
    let logs = ""
    server.stdout!.on("data", (chunk) => (logs += chunk))
    server.stderr!.on("data", (chunk) => (logs += chunk))
    const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()))
    try {
      let health = 0
      for (let i = 0; i < 150 && health !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0)
      }
      expect(health, logs).toBe(200)
    } finally {
      process.kill(-server.pid!, "SIGTERM")
    }
    await exited
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0)).toBe(0)
    expect(fs.existsSync(path.join(app(), "badge-engine.db"))).toBe(true)
    expect(logs).toContain("\"path\":\"/health\"")
  }, 120_000)
})
