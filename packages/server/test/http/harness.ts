/**
 * The server under test: real sockets on a free port, the engine over a given store, and a small client.
 */
import {
  ApiKeys,
  Definitions,
  Engine,
  type IdGenerator,
  type OrganisationId,
  Organisations,
  type Role,
  type Stores,
  WebhookDestinations
} from "@badge-engine/core"
import * as HttpServer from "@effect/platform/HttpServer"
import { Effect, Layer, Logger, LogLevel, Redacted } from "effect"
import { Authenticator } from "../../src/auth/Authenticator.js"
import type { Contract } from "../../src/contracts/Contract.js"
import * as Server from "../../src/Server.js"

/** The secret of BadgeKit's master key on the server under test. */
export const badgekitMasterSecret = "badgekit-master-secret-for-tests"

/**
 * The server on port 0 over a store, with the services tests set up data through; the server's contracts by default,
 * and its public URL the address it listens on unless `publicUrl` says otherwise.
 */
export const serverUnderTest = <const C extends ReadonlyArray<Contract.Any> = typeof Server.contracts>(
  store: Layer.Layer<Stores, unknown>,
  contracts?: C,
  options: { readonly publicUrl?: string } = {}
) =>
  Server.layerWith({
    port: 0,
    maxBodyBytes: 64 * 1024,
    contracts,
    publicUrl: options.publicUrl,
    badgekitSecret: badgekitMasterSecret
  }).pipe(
    Layer.provide(Authenticator.apiKeys),
    Layer.provideMerge(Engine.layer),
    // The tests' webhook receivers listen on this machine.
    Layer.provide(WebhookDestinations.layerPrivateNetworks),
    Layer.provide(Layer.succeed(Definitions.AutoBackfill, false)),
    Layer.provideMerge(store),
    // Request logs are for operators; tests read answers.
    Layer.provide(Logger.minimumLogLevel(LogLevel.Warning)),
    Layer.orDie
  )

/** The services a test can use besides HTTP. */
export type TestServices = HttpServer.HttpServer | Stores | Engine.Services | IdGenerator

/** The server's base URL. */
export const baseUrl = Effect.map(HttpServer.HttpServer, (server) => {
  const address = server.address as HttpServer.TcpAddress
  return `http://127.0.0.1:${address.port}`
})

/** A response: status and parsed JSON body (undefined when empty). */
export interface Answer {
  readonly status: number
  readonly body: any
}

/** A response with its headers, names in lower case. */
export interface AnswerWithHeaders extends Answer {
  readonly headers: Readonly<Record<string, string>>
}

/** Sends a request over the socket, as a client of the contract would; the answer keeps its headers. */
export const callWithHeaders = (
  method: string,
  path: string,
  options: {
    readonly key?: string
    readonly json?: unknown
    readonly body?: string
    readonly headers?: Record<string, string>
  } = {}
) =>
  Effect.gen(function*() {
    const base = yield* baseUrl
    return yield* Effect.promise(async (): Promise<AnswerWithHeaders> => {
      const headers: Record<string, string> = { ...options.headers }
      if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`
      let body: string | undefined = options.body
      if (options.json !== undefined) body = JSON.stringify(options.json)
      if (body !== undefined) headers["content-type"] ??= "application/json"
      const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) })
      const text = await response.text()
      let parsed: unknown = undefined
      try {
        parsed = text === "" ? undefined : JSON.parse(text)
      } catch {
        parsed = text
      }
      return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) }
    })
  })

/** Sends a request over the socket, as a client of the contract would. */
export const call = (method: string, path: string, options: Parameters<typeof callWithHeaders>[2] = {}) =>
  Effect.map(callWithHeaders(method, path, options), ({ body, status }): Answer => ({ status, body }))

let counter = 0

/** An organisation with a key for every role (and a peer mentor `pm-kari`), made fresh for each test. */
export const world = Effect.gen(function*() {
  const organisations = yield* Organisations.Organisations
  const keys = yield* ApiKeys.ApiKeys
  const id = `org-http-${process.pid}-${Date.now().toString(36)}-${counter++}` as OrganisationId
  yield* organisations.create({ id, name: "HTTP test", timezone: "Europe/Oslo" })
  const key = (role: Role, subjectId?: string) =>
    Effect.map(
      keys.create({ role, organisationId: id, subjectId, name: `${role} test` }),
      (made) => Redacted.value(made.key)
    )
  return {
    organisationId: id,
    admin: yield* key("admin"),
    coordinator: yield* key("coordinator"),
    peerMentor: yield* key("peer_mentor", "pm-kari"),
    system: yield* key("system")
  }
}).pipe(Effect.orDie)
