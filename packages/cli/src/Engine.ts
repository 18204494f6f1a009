/**
 * What every command that works on the data shares: the `--database` option, and the engine over that database.
 *
 * @since 0.1.0
 */
import { Engine, JobWorker, WebhookDestinations } from "@badge-engine/core"
import { Options } from "@effect/cli"
import { Effect, Layer, type Option } from "effect"
import * as Database from "./Database.js"

/** `--database`: a SQLite path or a Postgres URL; else `DATABASE_URL`, else `./badge-engine.db`. */
export const database = Options.text("database").pipe(
  Options.withPseudoName("PATH|URL"),
  Options.withDescription("a SQLite file path or a postgres:// URL (default: DATABASE_URL, else ./badge-engine.db)"),
  Options.optional
)

/**
 * Runs an effect with the engine over the chosen database. A command runs no job worker: a rule it writes enqueues
 * its backfill, which a server's worker (or `badge-engine backfill`) runs.
 */
export const withEngine = (flag: Option.Option<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provide(
      Engine.layer.pipe(
        Layer.provideMerge(Database.fromFlag(flag)),
        Layer.provide(Layer.succeed(JobWorker.Settings, { ...JobWorker.Settings.defaultValue(), enabled: false })),
        Layer.provide(WebhookDestinations.layerConfig)
      )
    ),
    Effect.scoped
  )
