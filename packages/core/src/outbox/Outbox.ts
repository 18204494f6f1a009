/**
 * The outbox: every event written in the transaction of the change it reports, so no committed award lacks its
 * event and no rolled-back one has one. Embedded hosts read it as a `Stream` from a saved position, at least once.
 *
 * @since 0.1.0
 */
import { Clock, Context, DateTime, type Duration, Effect, Layer, Option, Stream } from "effect"
import type { StoreError } from "../Errors.js"
import type { BadgeEvent } from "../Events.js"
import { type EventId, IdGenerator } from "../Ids.js"
import { describe, type OutboxEntry } from "./OutboxEntry.js"
import { OutboxStore } from "./OutboxStore.js"

/** How a consumer reads. */
export interface ReadOptions {
  /** Entries read at a time (default 100). */
  readonly batchSize?: number | undefined
  /** How long to wait for new entries once caught up (default 1 second). */
  readonly pollInterval?: Duration.DurationInput | undefined
}

/** The outbox service. */
export class Outbox extends Context.Tag("@badge-engine/core/Outbox")<Outbox, {
  /** Writes events to the outbox: call it inside the transaction of the change they report. */
  readonly write: (events: ReadonlyArray<BadgeEvent>) => Effect.Effect<void, StoreError>
  /**
   * The entries after the consumer's saved position, then new ones as they commit, forever. Nothing is saved:
   * `acknowledge` an entry once handled, and a restart reads again from the last one acknowledged (at least once).
   */
  readonly events: (consumer: string, options?: ReadOptions) => Stream.Stream<OutboxEntry, StoreError>
  /** Saves the consumer's position: the next `events` of that consumer starts after this entry. */
  readonly acknowledge: (consumer: string, entry: OutboxEntry) => Effect.Effect<void, StoreError>
  /** Handles every entry in order, acknowledging each once `handle` succeeds; runs until interrupted or failed. */
  readonly consume: <E, R>(
    consumer: string,
    handle: (entry: OutboxEntry) => Effect.Effect<void, E, R>,
    options?: ReadOptions
  ) => Effect.Effect<never, E | StoreError, R>
  /** The consumer's saved position (0 before any acknowledgement). */
  readonly position: (consumer: string) => Effect.Effect<number, StoreError>
}>() {}

const live = Clock.make()

/** Builds the Outbox service from the port in context. */
export const make = Effect.gen(function*() {
  const store = yield* OutboxStore
  const ids = yield* IdGenerator

  const write = Effect.fn("Outbox.write")(function*(events: ReadonlyArray<BadgeEvent>) {
    if (events.length === 0) return
    const now = yield* DateTime.now
    const entries = yield* Effect.forEach(
      events,
      (event) => Effect.map(ids.make("evt"), (id) => ({ ...describe(event), id: id as EventId, occurredAt: now }))
    )
    yield* store.append(entries)
  })

  const events = (consumer: string, options: ReadOptions = {}) => {
    const batchSize = options.batchSize ?? 100
    const poll = options.pollInterval ?? "1 second"
    // Waiting for new entries keeps real time: a test clock would never move it.
    const wait = Effect.sleep(poll).pipe(Effect.withClock(live))
    const next = (after: number) =>
      Effect.flatMap(store.after(after, batchSize), (entries) =>
        entries.length === 0
          ? Effect.as(wait, [entries, Option.some(after)] as const)
          : Effect.succeed([entries, Option.some(entries.at(-1)!.position)] as const))
    return Stream.unwrap(
      Effect.map(store.position(consumer), (start) => Stream.paginateEffect(start, next).pipe(Stream.flattenIterables))
    )
  }

  const acknowledge = Effect.fn("Outbox.acknowledge")(function*(consumer: string, entry: OutboxEntry) {
    yield* store.savePosition(consumer, entry.position, yield* DateTime.now)
  })

  const consume = <E, R>(
    consumer: string,
    handle: (entry: OutboxEntry) => Effect.Effect<void, E, R>,
    options?: ReadOptions
  ): Effect.Effect<never, E | StoreError, R> =>
    events(consumer, options).pipe(
      Stream.runForEach((entry) => Effect.zipRight(handle(entry), acknowledge(consumer, entry))),
      Effect.zipRight(Effect.never)
    )

  return Outbox.of({ write, events, acknowledge, consume, position: (consumer) => store.position(consumer) })
})

/** The outbox over the port in context. */
export const layer: Layer.Layer<Outbox, never, OutboxStore | IdGenerator> = Layer.effect(Outbox, make)
