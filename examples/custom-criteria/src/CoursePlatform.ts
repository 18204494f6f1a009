/**
 * A service of the host app: its course platform, which knows the grades people got.
 * A real app would call its own API or database here.
 */
import { Context, Effect, Layer } from "effect"

export class CoursePlatform extends Context.Tag("example/CoursePlatform")<CoursePlatform, {
  readonly bestGrade: (personId: string, course: string) => Effect.Effect<number | undefined>
}>() {
  static readonly layer = Layer.succeed(CoursePlatform, {
    bestGrade: (personId, course) =>
      Effect.succeed(
        ({ "pm-kari-001:first-aid": 92, "pm-lars-002:first-aid": 61 } as Record<string, number>)[
          `${personId}:${course}`
        ]
      )
  })
}
