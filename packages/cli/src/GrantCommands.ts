/**
 * `badge-engine grants` and `badge-engine secrets`: revoking a grant, and the secrets its accept links are derived
 * under (listed without their values, rotated, retired).
 *
 * @since 0.1.0
 */
import {
  AcceptKeys,
  type GrantId,
  Grants,
  type ServerSecret,
  type ServerSecretId,
  ServerSecrets
} from "@badge-engine/core"
import { Args, Command } from "@effect/cli"
import { DateTime, Effect } from "effect"
import { database, withEngine } from "./Engine.js"

const grantsRevoke = Command.make(
  "revoke",
  { database, id: Args.text({ name: "id" }).pipe(Args.withDescription("the grant's id")) },
  ({ database, id }) =>
    Effect.gen(function*() {
      const grants = yield* Grants.Grants
      const grant = yield* grants.revoke(id as GrantId)
      yield* Effect.log(
        `grant ${grant.id} revoked${grant.awardId === undefined ? "" : `, and its award ${grant.awardId}`}`
      )
    }).pipe(withEngine(database))
).pipe(Command.withDescription("revoke a grant, and the award it made if it was accepted"))

/** A secret as an operator reads it: never its value. */
const secretLine = (secret: ServerSecret) =>
  [secret.id, `generation ${secret.generation}`, secret.live ? "live" : "retired", DateTime.formatIso(secret.createdAt)]
    .join("\t")

const secretsList = Command.make("list", { database }, ({ database }) =>
  Effect.gen(function*() {
    const secrets = yield* ServerSecrets.ServerSecrets
    for (const secret of yield* secrets.list(AcceptKeys.purpose)) console.log(secretLine(secret))
  }).pipe(withEngine(database))).pipe(Command.withDescription("list the accept links' secrets (never their values)"))

const secretsRotate = Command.make("rotate", { database }, ({ database }) =>
  Effect.gen(function*() {
    const secrets = yield* ServerSecrets.ServerSecrets
    const made = yield* secrets.rotate(AcceptKeys.purpose)
    yield* Effect.log(`secret ${made.id} is current; links made before keep working until their secret is retired`)
  }).pipe(withEngine(database))).pipe(Command.withDescription("make a new secret for new accept links"))

const secretsRetire = Command.make(
  "retire",
  { database, id: Args.text({ name: "id" }).pipe(Args.withDescription("the secret's id, from secrets list")) },
  ({ database, id }) =>
    Effect.gen(function*() {
      const secrets = yield* ServerSecrets.ServerSecrets
      const retired = yield* secrets.retire(id as ServerSecretId)
      yield* Effect.log(`secret ${retired.id} retired: accept links made under it no longer work`)
    }).pipe(withEngine(database))
).pipe(Command.withDescription("retire a secret: the accept links made under it stop working"))

/** `badge-engine grants …` */
export const grantsCommand = Command.make("grants").pipe(Command.withSubcommands([grantsRevoke]))

/** `badge-engine secrets …` */
export const secretsCommand = Command.make("secrets").pipe(
  Command.withSubcommands([secretsList, secretsRotate, secretsRetire])
)
