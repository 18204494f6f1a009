/**
 * What every command that works on the data shares: the `--database` option, and the engine over that database.
 *
 * @since 0.1.0
 */
import { Engine } from "@badge-engine/core"
import { Options } from "@effect/cli"
import { Effect, Layer, type Option } from "effect"
import * as Database from "./Database.js"

/** `--database`: a SQLite path or a Postgres URL; else `DATABASE_URL`, else `./badge-engine.db`. */
export const database = Options.text("database").pipe(
  Options.withPseudoName("PATH|URL"),
  Options.withDescription("a SQLite file path or a postgres:// URL (default: DATABASE_URL, else ./badge-engine.db)"),
  Options.optional
)

/** Runs an effect with the engine over the chosen database; the background backfills of definitions are on. */
export const withEngine = (flag: Option.Option<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provide(
      Engine.layer.pipe(
        Layer.provideMerge(Database.fromFlag(flag))
      )
    ),
    Effect.scoped
  )
