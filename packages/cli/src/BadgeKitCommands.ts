/**
 * BadgeKit on the command line: `serve --badgekit-secret` (or `BADGEKIT_SECRET`), the master key's secret, and
 * `badge-engine badgekit-keys create`, a consumer key bound to one system.
 *
 * @since 0.1.0
 */
import { BadgeKitKeys, Organisations } from "@badge-engine/core"
import { Command, Options } from "@effect/cli"
import { Config, Effect, Option, Redacted } from "effect"
import { database, withEngine } from "./Engine.js"

/** `serve --badgekit-secret S`, else `BADGEKIT_SECRET`: the secret of BadgeKit's `master` key; none turns it off. */
export const badgekitSecret = Options.redacted("badgekit-secret").pipe(
  Options.withDescription("the secret of BadgeKit's master key (default: BADGEKIT_SECRET; none: no master key)"),
  Options.withFallbackConfig(Config.redacted("BADGEKIT_SECRET")),
  Options.optional
)

/** The master secret as the server takes it. */
export const masterSecretOf = (secret: Option.Option<Redacted.Redacted<string>>): string | undefined =>
  Option.getOrUndefined(Option.map(secret, Redacted.value))

const keysCreate = Command.make("create", {
  database,
  system: Options.text("system").pipe(Options.withDescription("the system's slug: the organisation's")),
  key: Options.text("key").pipe(Options.withDescription("the key's name, as tokens' `key` claim carries it")),
  secret: Options.redacted("secret").pipe(
    Options.withDescription("the key's secret (16 to 256 characters); default: a new random one, printed once"),
    Options.optional
  )
}, ({ database, key, secret, system }) =>
  Effect.gen(function*() {
    const organisation = yield* Organisations.Organisations.pipe(Effect.flatMap((o) => o.getBySlug(system)))
    const keys = yield* BadgeKitKeys.BadgeKitKeys
    const made = yield* keys.create({
      organisationId: organisation.id,
      name: key,
      ...Option.match(secret, { onNone: () => ({}), onSome: (given) => ({ secret: Redacted.value(given) }) })
    })
    yield* Effect.log(`BadgeKit key ${made.key.name} created for the system ${organisation.slug}`)
    if (Option.isNone(secret)) {
      yield* Effect.log("its secret is shown once, below")
      // The secret alone on the last line, so scripts can take it with `tail -n 1`.
      console.log(Redacted.value(made.secret))
    }
  }).pipe(withEngine(database))).pipe(
    Command.withDescription("create a BadgeKit consumer key bound to one system; prints a generated secret once")
  )

/** `badge-engine badgekit-keys …` */
export const badgekitKeysCommand = Command.make("badgekit-keys").pipe(Command.withSubcommands([keysCreate]))
