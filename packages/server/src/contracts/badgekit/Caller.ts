/**
 * Who signed a BadgeKit request, checked before anything else is read: the signature covers the raw body, so the
 * body is read here once, checked against the token, then parsed for the handler. The master key (`master`, the
 * secret given to `serve --badgekit-secret`) may do everything; a consumer key acts as an admin of its one system,
 * and a request for another system is refused.
 *
 * @since 0.1.0
 */
import { Actor, BadgeKitKeys, type OrganisationId, Organisations } from "@badge-engine/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Context, Effect, Option, type Redacted } from "effect"
import * as Body from "./Body.js"
import { type BadgeKitError, invalidContent, notAuthorized, payloadTooLarge, unavailable } from "./Errors.js"
import { type DomainError, respond } from "./Failures.js"
import { type SigningKey, verify } from "./Signing.js"

/** The master key's secret; none (the default) turns the master key off. */
export class MasterSecret extends Context.Reference<MasterSecret>()("@badge-engine/server/BadgeKitMasterSecret", {
  defaultValue: (): Option.Option<Redacted.Redacted<string>> => Option.none()
}) {}

/** A signed request, as a handler reads it. */
export interface Call {
  readonly key: SigningKey
  readonly fields: Body.Fields
}

const keyOf = (name: string) =>
  Effect.gen(function*() {
    if (name === "master") {
      return Option.map(yield* MasterSecret, (secret): SigningKey => ({ name, secret }))
    }
    const keys = yield* BadgeKitKeys.BadgeKitKeys
    return Option.map(
      yield* keys.open(name).pipe(Effect.mapError(() => unavailable())),
      (opened): SigningKey => ({ name, secret: opened.secret, organisationId: opened.organisationId })
    )
  })

// The master key may do everything, as BadgeKit's does: it acts as the host app, which every policy lets through.
const actorOf = (key: SigningKey): Actor.Actor =>
  key.organisationId === undefined
    ? new Actor.Host()
    : new Actor.Principal({
      role: "admin",
      organisationId: key.organisationId as OrganisationId,
      name: `badgekit:${key.name}`
    })

/** A consumer key only acts for its own system. */
const checkSystem = (key: SigningKey, system: string | undefined) =>
  Effect.gen(function*() {
    if (key.organisationId === undefined || system === undefined) return
    const organisations = yield* Organisations.Organisations
    const found = yield* organisations.getBySlug(system).pipe(
      Actor.actingAs(new Actor.Host()),
      Effect.option
    )
    if (Option.isNone(found) || found.value.id !== key.organisationId) {
      return yield* Effect.fail(notAuthorized(`The key ${key.name} may not act for the system ${system}`))
    }
  })

/**
 * Runs a handler for a signed request under `system` (none for `/systems` itself), as the key's principal; every
 * failure is answered in BadgeKit's shape.
 */
export const signed = <R>(
  system: string | undefined,
  handler: (call: Call) => Effect.Effect<HttpServerResponse.HttpServerResponse, DomainError | BadgeKitError, R>
) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const bytes = new Uint8Array(
      yield* request.arrayBuffer.pipe(
        Effect.mapError((error) =>
          String(error.cause).includes("maxBytes")
            ? payloadTooLarge(Number(request.headers["content-length"] ?? 0))
            : invalidContent("The request body could not be read")
        )
      )
    )
    const key = yield* verify(
      { authorization: request.headers["authorization"], method: request.method, url: request.url, body: bytes },
      keyOf
    )
    yield* checkSystem(key, system)
    const fields = yield* Body.parse(request.headers["content-type"], bytes)
    return yield* handler({ key, fields }).pipe(Actor.actingAs(actorOf(key)))
  }).pipe(respond)
