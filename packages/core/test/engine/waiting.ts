/**
 * Waiting in real time for background work (the worker keeps real time; the test clock does not move by itself).
 */
import { Effect } from "effect"

/** Polls `check` every 20 ms until it holds, for up to `seconds`; returns its last value. */
export const eventually = <A, E, R>(check: Effect.Effect<A, E, R>, holds: (a: A) => boolean, seconds = 20) =>
  Effect.gen(function*() {
    let value = yield* check
    for (let i = 0; i < seconds * 50 && !holds(value); i++) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
      value = yield* check
    }
    return value
  })
