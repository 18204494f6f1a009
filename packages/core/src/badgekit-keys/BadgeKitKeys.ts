/**
 * BadgeKit consumer keys: made for one system (an organisation) by an actor that crosses organisations, with a
 * secret given or generated (256 bits, shown once); read back, opened, by the server when it checks a signature.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, Redacted, Schema } from "effect"
import type { Conflict, Forbidden, InvalidInput, NotFound, StoreError } from "../Errors.js"
import { orNotFound } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import * as Secrets from "../Secrets.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import * as TenancyPolicy from "../tenancy/TenancyPolicy.js"
import { TenancyStore } from "../tenancy/TenancyStore.js"
import { decode } from "../Validation.js"
import { BadgeKitKey, BadgeKitKeyName, BadgeKitSecret } from "./BadgeKitKey.js"
import { BadgeKitKeyStore } from "./BadgeKitKeyStore.js"
import * as KeySealing from "./KeySealing.js"

/** The server secrets consumer keys are sealed under. */
export const purpose = "badgekit-consumer-keys"

/** A consumer key as the server checks a signature with it. */
export interface OpenedKey {
  readonly name: string
  readonly organisationId: OrganisationId
  readonly secret: Redacted.Redacted<string>
}

const KeyInput = Schema.Struct({
  organisationId: Schema.String,
  name: BadgeKitKeyName,
  secret: Schema.optional(BadgeKitSecret)
})

/** The consumer keys service. */
export class BadgeKitKeys extends Context.Tag("@badge-engine/core/BadgeKitKeys")<BadgeKitKeys, {
  /** Makes a key for an organisation; its secret is the one given, else a new random one. A taken name conflicts. */
  readonly create: (
    input: typeof KeyInput.Encoded
  ) => Effect.Effect<
    { readonly key: BadgeKitKey; readonly secret: Redacted.Redacted<string> },
    InvalidInput | NotFound | Conflict | Forbidden | StoreError
  >
  /** A key opened to check a signature; none when there is no such key (or its sealing secret was retired). */
  readonly open: (name: string) => Effect.Effect<Option.Option<OpenedKey>, StoreError>
}>() {}

/** Builds the service from the port, the tenancy port and the server secrets in context. */
export const make = Effect.gen(function*() {
  const store = yield* BadgeKitKeyStore
  const tenancy = yield* TenancyStore
  const secrets = yield* ServerSecrets

  const create = Effect.fn("BadgeKitKeys.create")(function*(raw: typeof KeyInput.Encoded) {
    yield* TenancyPolicy.manageAll
    const input = yield* decode(KeyInput)(raw)
    const organisation = yield* tenancy.getOrganisation(input.organisationId as OrganisationId).pipe(
      orNotFound("organisation", input.organisationId)
    )
    const secret = input.secret ?? (yield* Secrets.make(""))
    const sealer = yield* secrets.current(purpose)
    const key = yield* store.insert(
      new BadgeKitKey({
        name: input.name,
        organisationId: organisation.id,
        sealedSecret: yield* KeySealing.seal(Redacted.value(sealer.secret), input.name, secret),
        sealedUnder: sealer.id,
        createdAt: yield* DateTime.now
      }, { disableValidation: true })
    )
    return { key, secret: Redacted.make(secret) }
  })

  const open = Effect.fn("BadgeKitKeys.open")(function*(name: string) {
    const found = yield* store.get(name)
    if (Option.isNone(found)) return Option.none<OpenedKey>()
    const sealer = (yield* secrets.live(purpose)).find((secret) => secret.id === found.value.sealedUnder)
    if (sealer === undefined) return Option.none<OpenedKey>()
    const secret = yield* KeySealing.open(Redacted.value(sealer.secret), name, found.value.sealedSecret)
    return secret === undefined
      ? Option.none<OpenedKey>()
      : Option.some({ name, organisationId: found.value.organisationId, secret: Redacted.make(secret) })
  })

  return BadgeKitKeys.of({ create, open })
})

/** The consumer keys service over the ports and server secrets in context. */
export const layer: Layer.Layer<BadgeKitKeys, never, BadgeKitKeyStore | TenancyStore | ServerSecrets> = Layer
  .effect(BadgeKitKeys, make)
