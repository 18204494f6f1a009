/**
 * A grant notifier for the scenarios: it records every notice, and fails for addresses at `unreachable.example`, as
 * a mail server that refuses them would.
 */
import { GrantNotifier } from "@badge-engine/core"
import { Context, Effect, Layer, Ref } from "effect"

/** The notices the notifier was given, in order. */
export class Notices extends Context.Tag("engine-spec/Notices")<
  Notices,
  Ref.Ref<ReadonlyArray<GrantNotifier.GrantNotice>>
>() {}

/** The recording notifier, provided to the engine, and its notices. */
export const layer: Layer.Layer<Notices | GrantNotifier.GrantNotifier> = Layer.effect(
  GrantNotifier.GrantNotifier,
  Effect.map(Notices, (notices) =>
    GrantNotifier.make((notice) =>
      Effect.zipRight(
        Ref.update(notices, (all) => [...all, notice]),
        notice.grant.email?.endsWith("@unreachable.example") === true
          ? new GrantNotifier.GrantNotificationFailed({ reason: "the mail server refused the address" })
          : Effect.void
      )
    ))
).pipe(Layer.provideMerge(Layer.effect(Notices, Ref.make<ReadonlyArray<GrantNotifier.GrantNotice>>([]))))

/** The notices given for grants of a definition. */
export const noticesOf = (definitionId: string) =>
  Effect.map(
    Effect.flatMap(Notices, Ref.get),
    (all) => all.filter((notice) => notice.definition.id === definitionId)
  )
