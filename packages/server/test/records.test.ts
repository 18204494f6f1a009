/**
 * What the server records of a request, in its log and its traces: never an accept link's key or a claim link's
 * code, in whatever form the router takes the link, and never a BadgeFed API key, in its header or its query parameter.
 */
import { ApiKeys, Engine } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Effect, HashMap, Layer, Logger, ManagedRuntime, Redacted, Tracer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Authenticator } from "../src/auth/Authenticator.js"
import * as Server from "../src/Server.js"
import { baseUrl } from "./http/harness.js"
import { form } from "./pages/http.js"
import { asHost, claimableBadge, offerBadge } from "./pages/world.js"

describe("what the server records", () => {
  const lines: Array<string> = []
  const spans: Array<Tracer.Span> = []
  const capture = Logger.make(({ annotations, message }) => {
    lines.push(JSON.stringify({ message, ...Object.fromEntries(HashMap.toEntries(annotations)) }))
  })
  const native = Effect.runSync(Effect.tracer)
  const recording = Tracer.make({
    span: (...args) => {
      const span = native.span(...args)
      spans.push(span)
      return span
    },
    context: (f, fiber) => native.context(f, fiber)
  })
  const runtime = ManagedRuntime.make(
    Server.layerWith({ port: 0 }).pipe(
      Layer.provide(Authenticator.apiKeys),
      Layer.provideMerge(Engine.layer),
      Layer.provideMerge(SqliteStore.layer({ filename: ":memory:" })),
      Layer.provide(Logger.replace(Logger.defaultLogger, capture)),
      Layer.provide(Layer.setTracer(recording)),
      Layer.orDie
    )
  )
  let url: string

  /** Every span as one line of JSON: its name and attributes. */
  const traced = () => spans.map((span) => JSON.stringify({ name: span.name, ...Object.fromEntries(span.attributes) }))

  beforeAll(async () => {
    url = await runtime.runPromise(baseUrl)
  })
  afterAll(() => runtime.dispose())

  it("logs an accept link's path without its key, in every form the router serves, and traces none of them", async () => {
    const offer = await runtime.runPromise(offerBadge())
    const [, , , id, key] = offer.path.split("/") as [string, string, string, string, string]
    const forms = [
      offer.path,
      `/${offer.path}`,
      `/ACCEPT/grant/${id}/${key}`,
      `/%61ccept/grant/${id}/${key}`,
      `/accept//Grant/${id}//${key}`,
      `/accept/grant/${id}/${key};x=1`
    ]
    lines.length = 0
    for (const path of forms) {
      const response = await fetch(`${url}${path}`)
      await response.text()
      expect(response.status, path).toBe(200)
    }
    await (await fetch(`${url}/ACCEPT/grant/${id}/${key}`, form({ csrf: "x" }))).text()
    await (await fetch(`${url}/health`)).text()
    const logged = lines.filter((line) => line.includes("\"message\":[\"request\"]"))
    expect(logged).toHaveLength(forms.length + 2)
    expect(logged.filter((line) => line.includes(`"path":"/accept/grant/${id}/[redacted]"`))).toHaveLength(
      forms.length + 1
    )
    expect(lines.filter((line) => line.includes(key))).toEqual([])
    expect(traced().some((span) => span.includes("\"url.path\":\"/health\""))).toBe(true)
    expect(traced().some((span) => span.includes("Grants.open"))).toBe(true)
    expect(traced().filter((span) => span.includes(key))).toEqual([])
  })

  it("logs a claim link's path without its code, in every form the router serves, and traces none of them", async () => {
    const claim = await runtime.runPromise(claimableBadge())
    const code = Redacted.value(claim.code)
    const canonical = code.replace(/-/g, "")
    const forms = [
      claim.path,
      `/${claim.path}`,
      `/CLAIM/${code}`,
      `/%63laim/${code}`,
      `/claim//${code}`,
      `/claim/${code};x`
    ]
    lines.length = 0
    for (const path of forms) {
      const response = await fetch(`${url}${path}`)
      await response.text()
      expect(response.status, path).toBe(200)
    }
    await (await fetch(`${url}/Claim/${code}`, form({ csrf: "x", email: "a@example.org", name: "A" }))).text()
    const logged = lines.filter((line) => line.includes("\"message\":[\"request\"]"))
    expect(logged.filter((line) => line.includes(`"path":"/claim/[redacted]"`))).toHaveLength(forms.length + 1)
    expect(lines.filter((line) => line.includes(code) || line.includes(canonical))).toEqual([])
    expect(traced().some((span) => span.includes("ClaimCodes.open"))).toBe(true)
    expect(traced().filter((span) => span.includes(code) || span.includes(canonical))).toEqual([])
  })

  it("traces no BadgeFed API key: the X-ApiKey header is redacted, a request with an apiKey parameter untraced", async () => {
    const key = await runtime.runPromise(
      Effect.gen(function*() {
        const { organisationId } = yield* offerBadge()
        const made = yield* ApiKeys.ApiKeys.pipe(
          Effect.flatMap((keys) => keys.create({ role: "admin", organisationId, name: "trace test" }))
        )
        return Redacted.value(made.key)
      }).pipe(asHost)
    )
    spans.length = 0
    const byHeader = await fetch(`${url}/api/badges`, { headers: { "x-apikey": key } })
    expect(byHeader.status).toBe(200)
    await byHeader.text()
    for (const query of [`apiKey=${key}`, `APIKEY=${key}`, `limit=1&apikey=${encodeURIComponent(key)}`]) {
      await (await fetch(`${url}/api/badges?${query}`)).text()
    }
    expect((await fetch(`${url}/api/badges?apiKey=${key}`)).status).toBe(200)
    expect(traced().some((span) => span.includes("\"http.request.header.x-apikey\":\"<redacted>\""))).toBe(true)
    expect(traced().filter((span) => span.includes(key))).toEqual([])
    expect(traced().filter((span) => /apikey=/i.test(span))).toEqual([])
  })
})
