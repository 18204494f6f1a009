/**
 * A host app replaces API keys with its own credentials by providing its own Authenticator.
 */
import { Actor, Definitions, Engine, type OrganisationId, Organisations } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { expect, layer } from "@effect/vitest"
import { Effect, Layer, Logger, LogLevel, Redacted } from "effect"
import { Authenticator, unauthorized, unavailable } from "../src/auth/Authenticator.js"
import * as Server from "../src/Server.js"
import { call } from "./http/harness.js"

/** The host's own tokens: `host-token:<role>:<organisation>`, standing in for its JWTs. */
const HostTokens = Layer.succeed(Authenticator, {
  authenticate: (credential) => {
    const [scheme, role, organisationId] = Redacted.value(credential).split(":")
    if (scheme === "host-down") return Effect.fail(unavailable())
    return scheme === "host-token" && (role === "admin" || role === "coordinator")
      ? Effect.succeed(
        new Actor.Principal({ role, organisationId: organisationId as OrganisationId, name: `host ${role}` })
      )
      : Effect.fail(unauthorized("not a host token"))
  }
})

const server = Server.layerWith({ port: 0 }).pipe(
  Layer.provide(HostTokens),
  Layer.provideMerge(Engine.layer),
  Layer.provide(Layer.succeed(Definitions.AutoBackfill, false)),
  Layer.provideMerge(SqliteStore.layer({ filename: ":memory:" })),
  Layer.provide(Logger.minimumLogLevel(LogLevel.Warning)),
  Layer.orDie
)

layer(server, { excludeTestServices: true })("a host's own authenticator", (it) => {
  it.effect("its credentials are the principals, with roles and organisations; API keys are not consulted", () =>
    Effect.gen(function*() {
      yield* Effect.flatMap(
        Organisations.Organisations,
        (organisations) => organisations.create({ id: "org-host", name: "Host" })
      )
      const created = yield* call("POST", "/api/v1/badge-definitions", {
        key: "host-token:admin:org-host",
        json: { name: "First Session", criteria: { type: "session_count", threshold: 1 } }
      })
      expect(created.status).toBe(201)
      expect(created.body.organisation_id).toBe("org-host")
      const coordinator = yield* call("POST", "/api/v1/badge-definitions", {
        key: "host-token:coordinator:org-host",
        json: { name: "Nope" }
      })
      expect(coordinator.status).toBe(403)
      const stranger = yield* call("GET", "/api/v1/badge-definitions", { key: "be_some-api-key" })
      expect(stranger.status).toBe(401)
      expect(stranger.body.error.message).toBe("not a host token")
      // When the credential cannot be checked, the client is told to try again, not that it is unauthorised.
      const down = yield* call("GET", "/api/v1/badge-definitions", { key: "host-down" })
      expect(down.status).toBe(503)
      expect(down.body.error.code).toBe("unavailable")
    }))
})
