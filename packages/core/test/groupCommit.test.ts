import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber } from "effect"
import * as GroupCommit from "../src/activities/internal/groupCommit.js"

describe("group commit", () => {
  it.scoped("items that arrive while a group runs are handled together next, each answered with its own result", () =>
    Effect.gen(function*() {
      const groups: Array<ReadonlyArray<number>> = []
      const release = yield* Deferred.make<void>()
      const submit = yield* GroupCommit.make((items: ReadonlyArray<number>) =>
        Effect.gen(function*() {
          groups.push(items)
          if (groups.length === 1) yield* Deferred.await(release)
          return items.map((n) => n % 3 === 0 ? Exit.fail(`bad ${n}`) : Exit.succeed(n * 10))
        }), 100)
      const first = yield* Effect.fork(submit(1))
      // The first group holds only the first item and waits; the rest queue meanwhile.
      yield* Effect.yieldNow()
      const rest = yield* Effect.fork(
        Effect.all([2, 3, 4, 5].map((n) => Effect.either(submit(n))), { concurrency: "unbounded" })
      )
      yield* Effect.repeat(Effect.yieldNow(), { times: 20 })
      yield* Deferred.succeed(release, undefined)
      expect(yield* Fiber.join(first)).toBe(10)
      const answers = yield* Fiber.join(rest)
      expect(answers.map((a) => a._tag === "Right" ? a.right : a.left)).toEqual([20, "bad 3", 40, 50])
      expect(groups).toEqual([[1], [2, 3, 4, 5]])
    }))

  it.scoped("a group that fails fails every caller in it, and the next group runs", () =>
    Effect.gen(function*() {
      let calls = 0
      const submit = yield* GroupCommit.make((items: ReadonlyArray<string>) =>
        Effect.suspend(() => {
          calls++
          return calls === 1
            ? Effect.fail("store down")
            : Effect.succeed(items.map((item) => Exit.succeed(item.toUpperCase())))
        }), 100)
      const failed = yield* Effect.all([Effect.flip(submit("a")), Effect.flip(submit("b"))], {
        concurrency: "unbounded"
      })
      expect(failed).toEqual(["store down", "store down"])
      expect(yield* submit("c")).toBe("C")
    }))

  it.scoped("a group that dies fails its callers with the defect, and the next group runs", () =>
    Effect.gen(function*() {
      let calls = 0
      const submit = yield* GroupCommit.make((items: ReadonlyArray<string>) =>
        Effect.suspend(() => {
          calls++
          return calls === 1 ? Effect.die("boom") : Effect.succeed(items.map((item) => Exit.succeed(item)))
        }), 100)
      const exit = yield* Effect.exit(submit("a"))
      expect(Exit.isFailure(exit) && Exit.isInterrupted(exit)).toBe(false)
      expect(Exit.isFailure(exit)).toBe(true)
      expect(yield* submit("b")).toBe("b")
    }))

  it.scoped("callers answered by one group that record again share the next group", () =>
    Effect.gen(function*() {
      const sizes: Array<number> = []
      const submit = yield* GroupCommit.make((items: ReadonlyArray<number>) =>
        Effect.sync(() => {
          sizes.push(items.length)
          return items.map((n) => Exit.succeed(n))
        }), 100)
      // Eight callers, as a host's worker pool sends them.
      const answers = yield* Effect.forEach(Array.from({ length: 24 }, (_, i) => i), submit, { concurrency: 8 })
      expect(answers).toEqual(Array.from({ length: 24 }, (_, i) => i))
      expect(sizes).toEqual([8, 8, 8])
    }))
})
