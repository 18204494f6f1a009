/**
 * The Effect baseline server (`node --import tsx src/effectServer.ts <port>`): an `HttpApi` with one endpoint whose
 * path parameter and answer have schemas, answering fixed JSON of a definition's shape. No authentication, no
 * database, no logging: what Effect's own HTTP stack costs per request, which the engine's figures are measured
 * against.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import { Effect, Layer, Schema } from "effect"
import { createServer } from "node:http"

const Definition = Schema.Struct({
  id: Schema.String,
  organisation_id: Schema.String,
  name: Schema.String,
  description: Schema.String,
  icon_url: Schema.NullOr(Schema.String),
  is_active: Schema.Boolean,
  earned_count: Schema.Number,
  created_at: Schema.String,
  updated_at: Schema.String
})

const api = HttpApi.make("baseline").add(
  HttpApiGroup.make("definitions").add(
    HttpApiEndpoint.get("get", "/api/v1/badge-definitions/:id")
      .setPath(Schema.Struct({ id: Schema.String }))
      .addSuccess(Definition)
  )
)

const definitions = HttpApiBuilder.group(
  api,
  "definitions",
  (handlers) =>
    handlers.handle("get", ({ path }) =>
      Effect.succeed({
        id: path.id,
        organisation_id: "org_baseline",
        name: "Baseline",
        description: "Fixed JSON of a definition's shape",
        icon_url: null,
        is_active: true,
        earned_count: 42,
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-01T00:00:00Z"
      }))
)

const port = Number(process.argv[2])

HttpApiBuilder.serve().pipe(
  Layer.provide(HttpApiBuilder.api(api).pipe(Layer.provide(definitions))),
  Layer.provide(NodeHttpServer.layer(createServer, { port, host: "127.0.0.1" })),
  Layer.launch,
  NodeRuntime.runMain
)
