/**
 * When storage fails, BadgeFed answers 503 `{ "error": "..." }`, and never a 500: whether the key cannot be checked or
 * the engine cannot read the badges. Badge images, under no contract, answer v1's 503.
 */
import { Actor, Definitions, Engine, type OrganisationId, Organisations, StoreError } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Logger, LogLevel, Redacted } from "effect"
import { Authenticator, unavailable } from "../src/auth/Authenticator.js"
import * as Server from "../src/Server.js"
import { fed } from "./http/badgefed.js"
import { call } from "./http/harness.js"

/** Keys that name an admin of `org-down`, or, `down`, that cannot be checked. */
const Keys = Layer.succeed(Authenticator, {
  authenticate: (credential) =>
    Redacted.value(credential) === "down"
      ? Effect.fail(unavailable())
      : Effect.succeed(new Actor.Principal({ role: "admin", organisationId: "org-down" as OrganisationId, name: "a" }))
})

/** Definitions whose storage does not answer. */
const failing = () => Effect.fail(new StoreError({ operation: "test", cause: new Error("connection refused") }))
const BrokenDefinitions = Layer.succeed(Definitions.Definitions, {
  create: failing,
  get: failing,
  getBySerial: failing,
  getBySlug: failing,
  getByServerSlug: failing,
  list: failing,
  listPlain: failing,
  update: failing,
  remove: failing,
  hardDelete: failing
})

const server = Server.layerWith({ port: 0 }).pipe(
  Layer.provide(Layer.merge(Keys, BrokenDefinitions)),
  Layer.provideMerge(Engine.layer),
  Layer.provide(Layer.succeed(Definitions.AutoBackfill, false)),
  Layer.provideMerge(SqliteStore.layer({ filename: ":memory:" })),
  Layer.provide(Logger.minimumLogLevel(LogLevel.None)),
  Layer.orDie
)

layer(server, { excludeTestServices: true })("BadgeFed when storage fails", (it) => {
  it.effect("answers 503 { error } when the key cannot be checked or the badges cannot be read; images v1's 503", () =>
    Effect.gen(function*() {
      yield* Effect.orDie(
        Effect.flatMap(
          Organisations.Organisations,
          (organisations) => organisations.create({ id: "org-down", name: "Down" })
        )
      )
      const down = { status: 503, body: { error: "The service is unavailable right now. Try again later." } }
      expect(yield* fed("GET", "/api/badges", { key: "down" })).toEqual(down)
      expect(yield* fed("GET", "/api/badges", { key: "down", inQuery: true })).toEqual(down)
      expect(yield* fed("GET", "/api/badges", { key: "up" })).toEqual(down)
      expect(yield* fed("GET", "/api/badges/1", { key: "up" })).toEqual(down)
      expect(yield* fed("POST", "/api/badges/grant", { key: "up", json: { badgeId: 1, email: "jane@example.com" } }))
        .toEqual(down)
      const image = yield* call("GET", "/badge-image/1")
      expect(image.status).toBe(503)
      expect(image.body.error.code).toBe("unavailable")
    }))
})
