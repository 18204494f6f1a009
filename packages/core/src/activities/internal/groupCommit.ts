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
    // Items still queued when the scope closes are answered, not left waiting.
    yield* Effect.addFinalizer(() =>
      Effect.flatMap(
        Queue.takeAll(queue),
        (left) =>
          Effect.zipRight(Effect.forEach(left, ([, answer]) => Deferred.interrupt(answer)), Queue.shutdown(queue))
      )
    )
    const drainOne = Effect.gen(function*() {
      const first = yield* Queue.take(queue)
      // Callers answered by the group before are resumed and queue again before it is taken: without this turn,
      // groups took half of them and the other half ran in a group of their own, each paying for a commit.
      yield* Effect.yieldNow()
      const group = [first, ...(yield* Queue.takeUpTo(queue, maxGroup - 1))]
      // A group taken is finished and answered, also when the scope closes meanwhile.
      yield* Effect.uninterruptible(Effect.gen(function*() {
        const exit = yield* Effect.exit(run(group.map(([item]) => item)))
        for (let i = 0; i < group.length; i++) {
          const answer: Exit.Exit<B, E> = Exit.isSuccess(exit)
            ? exit.value[i]!
            : Exit.failCause(exit.cause)
          yield* Deferred.done(group[i]![1], answer)
        }
      }))
    })
    yield* Effect.forkScoped(Effect.forever(drainOne))
    return (item: A) =>
      Effect.flatMap(
        Deferred.make<B, E>(),
        (answer) => Effect.zipRight(Queue.offer(queue, [item, answer]), Deferred.await(answer))
      )
  })
