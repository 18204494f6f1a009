/**
 * Finding what a BadgeKit path names: its system by slug, the issuer and program under it, and a badge at that
 * level; and the issuers and programs a listing's badges print.
 *
 * @since 0.1.0
 */
import {
  type BadgeDefinition,
  type BadgeDefinitionId,
  Definitions,
  type Issuer,
  Issuers,
  type Organisation,
  Organisations,
  type Program
} from "@badge-engine/core"
import { Effect, Option } from "effect"
import { notFound } from "./Errors.js"
import type { MilestoneJson, Owners } from "./Json.js"

/** The slugs of a path. */
export interface Level {
  readonly system: string
  readonly issuer?: string | undefined
  readonly program?: string | undefined
}

/** What a path's slugs name. */
export interface Place {
  readonly system: Organisation
  readonly issuer?: Issuer | undefined
  readonly program?: Program | undefined
}

/** The system, issuer and program a path names; a missing one is 404 naming it. */
export const placeOf = (level: Level) =>
  Effect.gen(function*() {
    const system = yield* Organisations.Organisations.pipe(Effect.flatMap((o) => o.getBySlug(level.system)))
    const issuers = yield* Issuers.Issuers
    const issuer = level.issuer === undefined ? undefined : yield* issuers.getBySlug(system.id, level.issuer)
    const program = level.program === undefined || issuer === undefined
      ? undefined
      : yield* issuers.getProgramBySlug(issuer.id, level.program)
    return { system, issuer, program } satisfies Place
  })

/** Whether a badge lies at a place or below it. */
export const isUnder = (definition: BadgeDefinition, place: Place): boolean =>
  definition.organisationId === place.system.id &&
  (place.issuer === undefined || definition.issuerId === place.issuer.id) &&
  (place.program === undefined || definition.programId === place.program.id)

/** A badge at a place (or below it), by slug. */
export const badgeAt = (place: Place, slug: string) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const found = yield* definitions.getBySlug(place.system.id, slug).pipe(
      Effect.catchTag("NotFound", () => Effect.fail(notFound("badge", slug)))
    )
    return isUnder(found, place) ? found : yield* Effect.fail(notFound("badge", slug))
  })

/**
 * The owners and milestones of a system's badges, read once for a request: its issuers and programs, and the slugs
 * of the badges milestones need.
 */
export const printerFor = (system: Organisation) =>
  Effect.gen(function*() {
    const issuers = yield* Issuers.Issuers
    const definitions = yield* Definitions.Definitions
    const byIssuer = new Map<string, Issuer>()
    const byProgram = new Map<string, Program>()
    for (const issuer of yield* issuers.list(system.id)) {
      byIssuer.set(issuer.id, issuer)
      for (const program of yield* issuers.listPrograms(issuer.id)) byProgram.set(program.id, program)
    }
    const slugs = new Map<string, string>()
    const slugOf = (id: BadgeDefinitionId) =>
      slugs.has(id)
        ? Effect.succeed(slugs.get(id)!)
        : definitions.get(id).pipe(
          Effect.map((view) => view.definition.slug),
          Effect.option,
          Effect.map(Option.getOrElse(() => id as string)),
          Effect.tap((slug) => Effect.sync(() => slugs.set(id, slug)))
        )
    const owners = (definition: BadgeDefinition): Owners => ({
      system,
      issuer: definition.issuerId === undefined ? undefined : byIssuer.get(definition.issuerId),
      program: definition.programId === undefined ? undefined : byProgram.get(definition.programId)
    })
    // A BadgeKit milestone is the engine's `badges_earned` rule: this badge is earned by holding the others.
    const milestones = (definition: BadgeDefinition) =>
      Effect.gen(function*() {
        const rule = definition.rule
        if (rule?.type !== "badges_earned" || !Array.isArray(rule.definitions)) return [] as Array<MilestoneJson>
        const support = rule.definitions as ReadonlyArray<BadgeDefinitionId>
        const supportBadges = yield* Effect.forEach(support, slugOf)
        const atLeast = typeof rule.at_least === "number" ? rule.at_least : new Set(support).size
        return [{ id: definition.serial, primaryBadge: definition.slug, numberRequired: atLeast, supportBadges }]
      })
    return { owners, milestones }
  })
