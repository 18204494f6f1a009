/**
 * Webhooks: endpoints registered per organisation, the delivery log, and the fan-out that turns each new outbox
 * entry into one delivery job per endpoint that wants it. Deliveries are jobs (see `WebhookDelivery`): retried with
 * backoff, one recipient's in order.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Redacted, Schema } from "effect"
import { type Forbidden, InvalidInput, NotFound, orNotFound, type StoreError } from "../Errors.js"
import { HttpUrl } from "../Fields.js"
import {
  IdGenerator,
  type OrganisationId,
  OrganisationId as OrganisationIdSchema,
  type WebhookEndpointId
} from "../Ids.js"
import { Jobs } from "../jobs/Jobs.js"
import { EventType } from "../outbox/OutboxEntry.js"
import { OutboxStore } from "../outbox/OutboxStore.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import * as WebhookDeliveryJob from "./WebhookDeliveryJob.js"
import { refusedHost, WebhookDestinations } from "./WebhookDestinations.js"
import { type WebhookAttempt, WebhookEndpoint } from "./WebhookEndpoint.js"
import * as WebhookPolicy from "./WebhookPolicy.js"
import { purpose as secretPurpose, signingKey } from "./WebhookSecrets.js"
import * as WebhookSignature from "./WebhookSignature.js"
import { WebhookStore } from "./WebhookStore.js"

/** The consumer name the fan-out saves its outbox position under. */
export const consumer = "webhooks"

/** What registers an endpoint. */
export const NewEndpoint = Schema.Struct({
  organisationId: Schema.optional(OrganisationIdSchema),
  url: HttpUrl,
  eventTypes: Schema.optionalWith(Schema.Array(EventType), { default: () => [] }),
  description: Schema.optional(Schema.String.pipe(Schema.maxLength(500)))
})

/** What changes an endpoint: absent fields stay. */
export const EndpointPatch = Schema.Struct({
  url: Schema.optional(HttpUrl),
  eventTypes: Schema.optional(Schema.Array(EventType)),
  description: Schema.optional(Schema.String.pipe(Schema.maxLength(500))),
  enabled: Schema.optional(Schema.Boolean)
})

type Managing = NotFound | Forbidden | StoreError

/** Fails unless the URL's host is public as written, or private networks are allowed. */
const checkDestination = (url: string, privateNetworks: boolean) => {
  const refused = privateNetworks ? undefined : refusedHost(new URL(url).hostname)
  return refused === undefined ? Effect.void : Effect.fail(
    new InvalidInput({
      field: "url",
      reason: `must be a public address (${refused}; private networks are not allowed for webhooks)`
    })
  )
}

/** The webhooks service. */
export class Webhooks extends Context.Tag("@badge-engine/core/Webhooks")<Webhooks, {
  /** Registers an endpoint; its signing secret is in the result only (derived again on demand, never stored). */
  readonly register: (input: typeof NewEndpoint.Encoded) => Effect.Effect<
    { readonly endpoint: WebhookEndpoint; readonly secret: Redacted.Redacted<string> },
    InvalidInput | Forbidden | StoreError
  >
  readonly get: (id: WebhookEndpointId) => Effect.Effect<WebhookEndpoint, Managing>
  /** The endpoint's signing secret, derived again (admins). */
  readonly secretOf: (id: WebhookEndpointId) => Effect.Effect<Redacted.Redacted<string>, Managing>
  readonly list: (
    organisationId: OrganisationId | undefined
  ) => Effect.Effect<ReadonlyArray<WebhookEndpoint>, InvalidInput | Forbidden | StoreError>
  readonly update: (
    id: WebhookEndpointId,
    patch: typeof EndpointPatch.Encoded
  ) => Effect.Effect<WebhookEndpoint, InvalidInput | Managing>
  /** Removes an endpoint: nothing more is delivered to it; its log stays readable by the system. */
  readonly remove: (id: WebhookEndpointId) => Effect.Effect<void, Managing>
  /** The endpoint's delivery attempts, newest first (at most 100). */
  readonly deliveries: (
    id: WebhookEndpointId,
    limit?: number
  ) => Effect.Effect<ReadonlyArray<WebhookAttempt>, Managing>
  /**
   * Turns outbox entries not yet fanned out into delivery jobs, in one transaction with the saved position (so each
   * entry is fanned out once, whichever process does it); returns how many entries it read. Run by the worker.
   */
  readonly dispatch: Effect.Effect<number, StoreError>
}>() {}

/** Builds the Webhooks service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* WebhookStore
  const outbox = yield* OutboxStore
  const tenancy = yield* TenancyStore
  const secrets = yield* ServerSecrets
  const jobs = yield* Jobs
  const transactions = yield* Transactions
  const ids = yield* IdGenerator
  const { privateNetworks } = yield* WebhookDestinations

  const secretFor = (endpoint: WebhookEndpoint) =>
    Effect.gen(function*() {
      const secret = (yield* secrets.live(secretPurpose)).find((s) => s.id === endpoint.secretId)
      if (secret === undefined) return yield* new NotFound({ entity: "webhook signing secret", id: endpoint.secretId })
      return Redacted.make(WebhookSignature.formatSecret(signingKey(secret, endpoint.id)))
    })

  const register = Effect.fn("Webhooks.register")(function*(raw: typeof NewEndpoint.Encoded) {
    const input = yield* decode(NewEndpoint)(raw)
    yield* checkDestination(input.url, privateNetworks)
    const organisationId = yield* WebhookPolicy.organisationFor(input.organisationId)
    if (Option.isNone(yield* tenancy.getOrganisation(organisationId))) {
      return yield* new InvalidInput({ field: "organisationId", reason: "no such organisation" })
    }
    const secret = yield* secrets.current(secretPurpose)
    const now = yield* DateTime.now
    const endpoint = yield* store.create(
      new WebhookEndpoint({
        id: (yield* ids.make("whk")) as WebhookEndpointId,
        organisationId,
        url: input.url,
        eventTypes: input.eventTypes,
        description: input.description,
        secretId: secret.id,
        enabled: true,
        createdAt: now,
        updatedAt: now
      }, { disableValidation: true })
    )
    return { endpoint, secret: Redacted.make(WebhookSignature.formatSecret(signingKey(secret, endpoint.id))) }
  })

  const get = Effect.fn("Webhooks.get")(function*(id: WebhookEndpointId) {
    yield* WebhookPolicy.manage
    const endpoint = yield* store.get(id).pipe(orNotFound("webhook endpoint", id))
    yield* WebhookPolicy.visible(endpoint.organisationId, "webhook endpoint", id)
    return endpoint
  })

  const list = Effect.fn("Webhooks.list")(function*(organisationId: OrganisationId | undefined) {
    return yield* store.list(yield* WebhookPolicy.organisationFor(organisationId))
  })

  const update = Effect.fn("Webhooks.update")(function*(id: WebhookEndpointId, raw: typeof EndpointPatch.Encoded) {
    const patch = yield* decode(EndpointPatch)(raw)
    if (patch.url !== undefined) yield* checkDestination(patch.url, privateNetworks)
    const endpoint = yield* get(id)
    const saved = yield* store.save(
      new WebhookEndpoint({
        ...endpoint,
        ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
        updatedAt: yield* DateTime.now
      }, { disableValidation: true })
    )
    return yield* Option.match(saved, {
      onNone: () => Effect.fail(new NotFound({ entity: "webhook endpoint", id })),
      onSome: Effect.succeed
    })
  })

  const remove = Effect.fn("Webhooks.remove")(function*(id: WebhookEndpointId) {
    yield* get(id)
    if (!(yield* store.remove(id))) return yield* new NotFound({ entity: "webhook endpoint", id })
  })

  const deliveries = Effect.fn("Webhooks.deliveries")(function*(id: WebhookEndpointId, limit?: number) {
    const endpoint = yield* get(id)
    return yield* store.attempts(endpoint.id, Math.min(Math.max(limit ?? 50, 1), 100))
  })

  /** Whether entries wait to be fanned out: a read, so an idle worker writes nothing. */
  const waiting = Effect.flatMap(
    outbox.position(consumer),
    (after) => Effect.map(outbox.after(after, 1), (entries) => entries.length > 0)
  )

  const fanOut = transactions.run(Effect.gen(function*() {
    const after = yield* outbox.position(consumer, { forUpdate: true })
    const entries = yield* outbox.after(after, 200)
    if (entries.length === 0) return 0
    const organisations = Array.from(new Set(entries.map((entry) => entry.organisationId)))
    const endpoints = yield* store.enabledFor(organisations)
    for (const entry of entries) {
      for (const endpoint of endpoints) {
        // An endpoint receives the events of its organisation that happened once it was registered.
        if (
          endpoint.organisationId === entry.organisationId && endpoint.wants(entry.type) &&
          !DateTime.lessThan(entry.occurredAt, endpoint.createdAt)
        ) {
          yield* jobs.enqueue(WebhookDeliveryJob.request(endpoint, entry))
        }
      }
    }
    yield* outbox.savePosition(consumer, entries.at(-1)!.position, yield* DateTime.now)
    return entries.length
  }))

  const dispatch = Effect.flatMap(waiting, (yes) => yes ? fanOut : Effect.succeed(0)).pipe(
    Effect.tap((read) => read > 0 ? jobs.wake : Effect.void),
    Effect.withSpan("Webhooks.dispatch")
  )

  return Webhooks.of({
    register,
    get,
    secretOf: (id) => Effect.flatMap(get(id), secretFor),
    list,
    update,
    remove,
    deliveries,
    dispatch
  })
})

/** The webhooks service over the ports and services in context. */
export const layer: Layer.Layer<
  Webhooks,
  never,
  WebhookStore | OutboxStore | TenancyStore | ServerSecrets | Jobs | Transactions | IdGenerator
> = Layer.effect(Webhooks, make)
