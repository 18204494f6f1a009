/**
 * The server as an operator runs it: `badge-engine serve` in a process of its own, killed and started again.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"
import { cliArgs } from "../BuiltCli.js"

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer()
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** A running server process and what it printed. */
export interface ServerProcess {
  readonly base: string
  readonly child: ChildProcess
  readonly output: () => string
}

/** Starts `badge-engine serve` on a database and waits until `/health` answers. */
export const startServer = async (database: string, leaseSeconds: number): Promise<ServerProcess> => {
  const port = await freePort()
  let output = ""
  const child = spawn(process.execPath, cliArgs(["serve", "--database", database, "--port", String(port)]), {
    env: {
      ...process.env,
      DATABASE_URL: "",
      BADGE_ENGINE_JOB_LEASE_SECONDS: String(leaseSeconds),
      // The test's receiver listens on this machine.
      WEBHOOKS_ALLOW_PRIVATE_NETWORKS: "true"
    },
    stdio: ["ignore", "pipe", "pipe"]
  })
  child.stdout!.on("data", (chunk) => (output += chunk))
  child.stderr!.on("data", (chunk) => (output += chunk))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`)
    const healthy = await fetch(`${base}/health`).then((r) => r.ok, () => false)
    if (healthy) return { base, child, output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill("SIGKILL")
  throw new Error(`the server did not start: ${output}`)
}

/** Kills a server process with a signal and waits for it to be gone. */
export const stopServer = (server: ServerProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.once("exit", () => resolve())
    server.child.kill(signal)
  })
