/**
 * `badge-engine issuer-keys`: an organisation's Open Badges 3.0 signing keys, listed (public halves only) and
 * rotated. Rotating makes a new key sign from now on; the old ones stay in the organisation's DID document, so what
 * they signed still verifies.
 *
 * @since 0.1.0
 */
import { type IssuerKey, IssuerKeys, type OrganisationId } from "@badge-engine/core"
import { Args, Command } from "@effect/cli"
import { DateTime, Effect } from "effect"
import { database, withEngine } from "./Engine.js"

const organisation = Args.text({ name: "organisation" }).pipe(Args.withDescription("the organisation's id"))

/** A key as an operator reads it: its public half. */
const keyLine = (key: IssuerKey, current: boolean) =>
  [
    key.id,
    `generation ${key.generation}`,
    key.publicKeyMultibase,
    current ? "signing" : "published",
    DateTime.formatIso(key.createdAt)
  ].join("\t")

const issuerKeysList = Command.make(
  "list",
  { database, organisation },
  ({ database, organisation }) =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const current = yield* keys.current(organisation as OrganisationId)
      for (const key of yield* keys.all(organisation as OrganisationId)) {
        console.log(keyLine(key, key.id === current.id))
      }
    }).pipe(withEngine(database))
).pipe(
  Command.withDescription("list an organisation's signing keys (public halves; the first use makes one)")
)

const issuerKeysRotate = Command.make(
  "rotate",
  { database, organisation },
  ({ database, organisation }) =>
    Effect.gen(function*() {
      const keys = yield* IssuerKeys.IssuerKeys
      const made = yield* keys.rotate(organisation as OrganisationId)
      yield* Effect.log(
        `key ${made.id} (generation ${made.generation}) signs from now on; credentials signed before still verify`
      )
    }).pipe(withEngine(database))
).pipe(Command.withDescription("make a new signing key for an organisation"))

/** `badge-engine issuer-keys list|rotate <organisation>`. */
export const issuerKeysCommand = Command.make("issuer-keys").pipe(
  Command.withSubcommands([issuerKeysList, issuerKeysRotate]),
  Command.withDescription("an organisation's Open Badges 3.0 signing keys")
)
