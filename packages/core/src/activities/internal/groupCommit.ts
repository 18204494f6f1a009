/**
 * Group commit: concurrent callers queue their items, and one fiber drains them in groups, each group handled by one
 * call of `run` (one transaction), so that N callers pay for one commit instead of N. While a group runs, the next
 * one gathers; a lone caller runs in a group of one.
 */
import { Deferred, Effect, Exit, Queue, type Scope } from "effect"

/** Handles a group: one answer per item, in the order of `items`; an item may fail on its own. */
export type GroupRun<A, B, E> = (items: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<Exit.Exit<B, E>>, E>

/**
 * A function that queues an item and waits for its answer. A failure of `run` (a store error, a defect) is every
 * caller's of that group. A caller interrupted while it waits still has its item handled (it may be under way).
 */
export const make = <A, B, E>(
  run: GroupRun<A, B, E>,
  maxGroup: number
): Effect.Effect<(item: A) => Effect.Effect<B, E>, never, Scope.Scope> =>
  Effect.gen(function*() {
    const queue = yield* Queue.unbounded<readonly [A, Deferred.Deferred<B, E>]>()
    // Callers not yet answered. An item handed to the drain as it is interrupted is out of the queue but never
    // handled, so the queue alone cannot tell who is still waiting.
    const waiting = new Set<Deferred.Deferred<B, E>>()
    // Runs after the drain has stopped (finalizers run in reverse): whoever is still waiting is answered.
    yield* Effect.addFinalizer(() =>
      Effect.zipRight(
        Queue.shutdown(queue),
        Effect.forEach(Array.from(waiting), (answer) => Deferred.interrupt(answer), { discard: true })
      )
    )
    // Interruptible only while waiting for an item: once one is taken, its group is finished and answered, also
    // when the scope closes meanwhile.
    const drainOne = Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const first = yield* restore(Queue.take(queue))
        // Callers answered by the group before are resumed and queue again before it is taken: without this turn,
        // groups took half of them and the other half ran in a group of their own, each paying for a commit.
        yield* Effect.yieldNow()
        const group = [first, ...(yield* Queue.takeUpTo(queue, maxGroup - 1))]
        const exit = yield* Effect.exit(run(group.map(([item]) => item)))
        for (let i = 0; i < group.length; i++) {
          const answer: Exit.Exit<B, E> = Exit.isSuccess(exit)
            ? exit.value[i]!
            : Exit.failCause(exit.cause)
          yield* Deferred.done(group[i]![1], answer)
        }
      })
    )
    yield* Effect.forkScoped(Effect.forever(drainOne))
    return (item: A) =>
      Effect.flatMap(
        Deferred.make<B, E>(),
        (answer) =>
          Effect.suspend(() => {
            waiting.add(answer)
            return Effect.zipRight(Queue.offer(queue, [item, answer]), Deferred.await(answer))
          }).pipe(Effect.ensuring(Effect.sync(() => waiting.delete(answer))))
      )
  })
