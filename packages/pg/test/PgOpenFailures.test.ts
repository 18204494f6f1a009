/**
 * A PostgreSQL server that refuses the connection fails the store layer with a StoreError saying so: no server needed.
 */
import { StoreError } from "@badge-engine/core"
import { PgStore } from "@badge-engine/pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as net from "node:net"

/** A local port nothing listens on: taken from the system, then let go. */
const closedPort = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
)

describe("PgStore.layer, on a server that refuses the connection", () => {
  it.effect("fails with a StoreError whose message carries the refusal", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const error = yield* Effect.scoped(Layer.build(PgStore.layer({ url: `postgres://postgres@127.0.0.1:${port}/x` })))
        .pipe(Effect.flip)
      expect(error).toBeInstanceOf(StoreError)
      expect(error.message).toMatch(/^storage failed during open PostgreSQL database: .*ECONNREFUSED/)
    }), 30_000)
})
