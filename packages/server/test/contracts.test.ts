/**
 * Contracts side by side. A second contract, declared in this file, is mounted beside v1 over real sockets: what
 * never reaches its handlers (bad input, malformed or oversized bodies, unknown routes) answers in its own error
 * shape, `{ "problem": "..." }`, while v1 keeps `{ "error": { "code", "message", "field" } }`.
 *
 * The example is the smallest whole contract: a model for a new one (see docs/architecture.md).
 */
import { Actor } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describe, expect, it as vitest, layer } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as Contract from "../src/contracts/Contract.js"
import * as Server from "../src/Server.js"
import { call, serverUnderTest, world } from "./http/harness.js"

// --- The example contract: its API, its handlers, its error shape -----------------------------------------------

/** The example's errors, in its own shape. */
class Problem extends Schema.Class<Problem>("Problem")(
  { problem: Schema.String },
  HttpApiSchema.annotations({ status: 422 })
) {}

/** One group, one endpoint with a payload, the contract's errors; paths are below the prefix. */
class Things extends HttpApiGroup.make("exampleThings")
  .add(
    HttpApiEndpoint.post("create", "/things")
      .setPayload(Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)) }))
      .addSuccess(Schema.Struct({ name: Schema.String }), { status: 201 })
  )
  .addError(Problem)
{}

const prefix = "/example"

class ExampleApi extends HttpApi.make("example").add(Things).prefix(prefix) {}

const ThingsHttp = HttpApiBuilder.group(
  ExampleApi,
  "exampleThings",
  (handlers) =>
    handlers.handle("create", ({ payload }) =>
      payload.name === "taken"
        ? Effect.fail(new Problem({ problem: "a thing named taken exists" }))
        : payload.name === "who acts?"
        // This contract has no credentials: its handlers act as no one, never as the host app.
        ? Effect.map(Actor.CurrentActor, (actor) => ({ name: actor._tag }))
        : Effect.succeed({ name: payload.name }))
)

const problem = (status: number, text: string) => HttpServerResponse.unsafeJson({ problem: text }, { status })

const Example = Contract.make({
  prefix,
  api: ExampleApi,
  handlers: ThingsHttp,
  errorShape: {
    invalidRequest: (error) => problem(400, `invalid ${error.issues[0]?.path.join(".") || "body"}`),
    malformedBody: () => problem(400, "the body is not JSON"),
    payloadTooLarge: (maxBodyBytes) => problem(413, `the body is over ${maxBodyBytes} bytes`),
    routeNotFound: (method, path) => problem(404, `nothing at ${method} ${path}`),
    unsupportedMediaType: () => problem(415, "the body is not JSON"),
    headersTooLarge: (maxHeaderBytes) => problem(431, `the headers are over ${maxHeaderBytes} bytes`)
  }
})

// --- The server with both --------------------------------------------------------------------------------------

const huge = { name: "x".repeat(100 * 1024) }

layer(
  serverUnderTest(SqliteStore.layer({ filename: ":memory:" }), [...Server.contracts, Example]),
  { excludeTestServices: true }
)("a second contract beside v1", (it) => {
  it.effect("a contract without credentials acts as no one, which the engine lets do nothing", () =>
    Effect.gen(function*() {
      expect(yield* call("POST", "/example/things", { json: { name: "who acts?" } })).toEqual({
        status: 201,
        body: { name: "Anonymous" }
      })
    }))

  it.effect("its handlers answer, and their errors are in its shape", () =>
    Effect.gen(function*() {
      expect(yield* call("POST", "/example/things", { json: { name: "kite" } })).toEqual({
        status: 201,
        body: { name: "kite" }
      })
      expect(yield* call("POST", "/example/things", { json: { name: "taken" } })).toEqual({
        status: 422,
        body: { problem: "a thing named taken exists" }
      })
    }))

  it.effect("its decode errors, malformed JSON, oversized bodies and unknown routes answer in its shape", () =>
    Effect.gen(function*() {
      expect(yield* call("POST", "/example/things", { json: { name: "" } })).toEqual({
        status: 400,
        body: { problem: "invalid name" }
      })
      expect(yield* call("POST", "/example/things", { body: "{\"name\": " })).toEqual({
        status: 400,
        body: { problem: "the body is not JSON" }
      })
      expect(yield* call("POST", "/example/things", { json: huge })).toEqual({
        status: 413,
        body: { problem: "the body is over 65536 bytes" }
      })
      expect(yield* call("GET", "/example/nowhere")).toEqual({
        status: 404,
        body: { problem: "nothing at GET /example/nowhere" }
      })
      expect(yield* call("DELETE", "/example")).toEqual({
        status: 404,
        body: { problem: "nothing at DELETE /example" }
      })
    }))

  it.effect("v1 keeps its own shape beside it, and so do paths under no contract's prefix", () =>
    Effect.gen(function*() {
      const w = yield* world
      const invalid = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: { name: "" } })
      expect(invalid.status).toBe(400)
      expect(invalid.body.error).toMatchObject({ code: "invalid_request", field: "name" })
      const malformed = yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, body: "{\"name\": " })
      expect(malformed.body).toEqual({
        error: { code: "invalid_request", message: "body: is not valid JSON", field: "body" }
      })
      expect(yield* call("POST", "/api/v1/badge-definitions", { key: w.admin, json: huge })).toEqual({
        status: 413,
        body: { error: { code: "payload_too_large", message: "request body is larger than 65536 bytes" } }
      })
      for (const path of ["/api/v1/nothing-here", "/examples", "/nothing"]) {
        expect(yield* call("GET", path)).toEqual({
          status: 404,
          body: { error: { code: "not_found", message: `no route GET ${path}` } }
        })
      }
    }))

  it.effect("the OpenAPI document and the API page show both contracts, each endpoint with its own errors", () =>
    Effect.gen(function*() {
      const { paths } = (yield* call("GET", "/openapi.json")).body
      expect(Object.keys(paths)).toEqual(expect.arrayContaining(["/api/v1/activities", "/example/things"]))
      expect(Object.keys(paths["/example/things"].post.responses)).toContain("422")
      expect(Object.keys(paths["/api/v1/activities"].post.responses)).not.toContain("422")
      expect(Object.keys(paths["/example/things"].post.responses)).not.toContain("409")
      expect(String((yield* call("GET", "/docs")).body)).toContain("/example/things")
    }))
})

describe("declaring a contract", () => {
  vitest("an endpoint outside the contract's prefix is refused", () => {
    class Astray extends HttpApi.make("astray").add(Things) {}
    expect(() =>
      Contract.make({
        prefix: "/astray",
        api: Astray,
        handlers: HttpApiBuilder.group(Astray, "exampleThings", (handlers) =>
          handlers.handle("create", ({ payload }) =>
            Effect.succeed(payload))),
        errorShape: Example.errorShape
      })
    ).toThrow("contract /astray: exampleThings.create is at /things")
  })

  vitest("errors on the whole HttpApi, where they would spread to every contract's endpoints, are refused", () => {
    class Loose extends HttpApi.make("loose").add(Things).addError(Problem).prefix("/loose") {}
    expect(() =>
      Contract.make({
        prefix: "/loose",
        api: Loose,
        handlers: HttpApiBuilder.group(Loose, "exampleThings", (handlers) =>
          handlers.handle("create", ({ payload }) =>
            Effect.succeed(payload))),
        errorShape: Example.errorShape
      })
    ).toThrow("contract /loose: declare errors and middleware on its groups, not on its HttpApi")
  })

  vitest("two contracts may not share a group name: it is their tag and operation ids in the document", () => {
    expect(() => Contract.combine(HttpApi.make("both"), [Example, Example])).toThrow(
      "contract /example: group names already taken: exampleThings"
    )
  })
})
