/**
 * `badge-engine jobs` and `badge-engine webhooks`: the background jobs' state and progress, and an organisation's
 * webhook endpoints (registered, listed, removed) with their delivery log. A signing secret is printed once, when
 * its endpoint is registered; it is never logged.
 *
 * @since 0.1.0
 */
import {
  type Job,
  type JobId,
  Jobs,
  JobState,
  OrganisationId,
  type WebhookEndpoint,
  type WebhookEndpointId,
  Webhooks
} from "@badge-engine/core"
import { Args, Command, Options } from "@effect/cli"
import { DateTime, Effect, Option, Redacted } from "effect"
import { database, withEngine } from "./Engine.js"

const organisation = Options.text("organisation").pipe(Options.withSchema(OrganisationId))

/** A job as an operator reads it: one line. */
const jobLine = (job: Job) =>
  [
    job.id,
    job.kind,
    job.state,
    `attempts ${job.attempts}`,
    job.organisationId ?? "-",
    job.progress === undefined ? "-" : JSON.stringify(job.progress),
    job.lastError ?? ""
  ].join("\t")

const jobsList = Command.make("list", {
  database,
  organisation: organisation.pipe(Options.optional),
  state: Options.choice("state", JobState.literals).pipe(Options.optional),
  kind: Options.text("kind").pipe(Options.optional),
  limit: Options.integer("limit").pipe(Options.withDefault(50))
}, ({ database, kind, limit, organisation, state }) =>
  Effect.gen(function*() {
    const jobs = yield* Jobs.Jobs
    const found = yield* jobs.list({
      organisationId: Option.getOrUndefined(organisation),
      state: Option.getOrUndefined(state),
      kind: Option.getOrUndefined(kind),
      limit
    })
    for (const job of found) console.log(jobLine(job))
  }).pipe(withEngine(database))).pipe(
    Command.withDescription("list background jobs, newest first: kind, state, attempts, progress, last error")
  )

const jobsShow = Command.make(
  "show",
  { database, id: Args.text({ name: "id" }).pipe(Args.withDescription("the job's id")) },
  ({ database, id }) =>
    Effect.gen(function*() {
      const jobs = yield* Jobs.Jobs
      console.log(JSON.stringify(yield* jobs.get(id as JobId), null, 2))
    }).pipe(withEngine(database))
).pipe(Command.withDescription("show one background job"))

/** An endpoint as an operator reads it: one line, never its secret. */
const endpointLine = (endpoint: WebhookEndpoint) =>
  [
    endpoint.id,
    endpoint.organisationId,
    endpoint.url,
    endpoint.eventTypes.length === 0 ? "all events" : endpoint.eventTypes.join(","),
    endpoint.enabled ? "enabled" : "disabled"
  ].join("\t")

const webhooksRegister = Command.make("register", {
  database,
  organisation,
  url: Options.text("url").pipe(Options.withDescription("where events are POSTed")),
  events: Options.text("events").pipe(
    Options.withDescription("comma-separated event types, e.g. badge.awarded,badge.revoked (default: all)"),
    Options.optional
  ),
  description: Options.text("description").pipe(Options.optional)
}, ({ database, description, events, organisation, url }) =>
  Effect.gen(function*() {
    const webhooks = yield* Webhooks.Webhooks
    const { endpoint, secret } = yield* webhooks.register({
      organisationId: organisation,
      url,
      eventTypes: Option.match(events, {
        onNone: () => [],
        onSome: (list) => list.split(",").map((type) => type.trim()).filter((type) => type !== "") as never
      }),
      ...Option.match(description, { onNone: () => ({}), onSome: (description) => ({ description }) })
    })
    yield* Effect.log(`webhook endpoint ${endpoint.id} registered; its signing secret is shown once, below`)
    // The secret alone on the last line, so scripts can take it with `tail -n 1`.
    console.log(Redacted.value(secret))
  }).pipe(withEngine(database))).pipe(
    Command.withDescription("register a webhook endpoint; prints its signing secret once, on the last line")
  )

const webhooksList = Command.make(
  "list",
  { database, organisation },
  ({ database, organisation }) =>
    Effect.gen(function*() {
      const webhooks = yield* Webhooks.Webhooks
      for (const endpoint of yield* webhooks.list(organisation)) console.log(endpointLine(endpoint))
    }).pipe(withEngine(database))
).pipe(Command.withDescription("list an organisation's webhook endpoints"))

const endpointId = Args.text({ name: "id" }).pipe(Args.withDescription("the endpoint's id"))

const webhooksRemove = Command.make(
  "remove",
  { database, id: endpointId },
  ({ database, id }) =>
    Effect.gen(function*() {
      const webhooks = yield* Webhooks.Webhooks
      yield* webhooks.remove(id as WebhookEndpointId)
      yield* Effect.log(`webhook endpoint ${id} removed`)
    }).pipe(withEngine(database))
).pipe(Command.withDescription("remove a webhook endpoint"))

const webhooksDeliveries = Command.make("deliveries", {
  database,
  id: endpointId,
  limit: Options.integer("limit").pipe(Options.withDefault(50))
}, ({ database, id, limit }) =>
  Effect.gen(function*() {
    const webhooks = yield* Webhooks.Webhooks
    for (const attempt of yield* webhooks.deliveries(id as WebhookEndpointId, limit)) {
      console.log([
        DateTime.formatIso(attempt.attemptedAt),
        attempt.eventType,
        attempt.eventId,
        `attempt ${attempt.attempt}`,
        attempt.statusCode ?? "-",
        `${attempt.durationMs} ms`,
        attempt.error ?? ""
      ].join("\t"))
    }
  }).pipe(withEngine(database))).pipe(Command.withDescription("an endpoint's delivery attempts, newest first"))

/** `badge-engine jobs …` */
export const jobsCommand = Command.make("jobs").pipe(Command.withSubcommands([jobsList, jobsShow]))

/** `badge-engine webhooks …` */
export const webhooksCommand = Command.make("webhooks").pipe(
  Command.withSubcommands([webhooksRegister, webhooksList, webhooksRemove, webhooksDeliveries])
)
