/**
 * Handlers of BadgeKit's hierarchy: systems are the engine's organisations (made by the master key), issuers and
 * programs its issuers and programs. A taken slug is a 409, a missing record a 404 naming it.
 *
 * @since 0.1.0
 */
import {
  type BadgeKitKeys,
  type Conflict,
  IdGenerator,
  type Issuer,
  Issuers,
  type OrganisationId,
  Organisations,
  slugify
} from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, type Layer } from "effect"
import { Api } from "./Api.js"
import type { Fields } from "./Body.js"
import { type Call, signed } from "./Caller.js"
import { conflict, inUse, validationError } from "./Errors.js"
import { type Level, placeOf } from "./Hierarchy.js"
import { issuerJson, programJson, systemJson } from "./Json.js"

/** The profile fields BadgeKit sends, as text; other fields are ignored. */
const profileOf = (fields: Fields, names: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const profile: Record<string, string> = {}
    const failures = []
    for (const name of names) {
      const value = fields[name]
      if (value === undefined || value === null || value === "") continue
      if (typeof value !== "string") failures.push({ field: name, value, message: "Must be a string" })
      else profile[name] = value
    }
    if (failures.length > 0) return yield* Effect.fail(validationError(failures))
    return profile
  })

const systemFields = ["slug", "name", "url", "email", "imageUrl"]
const profileFields = [...systemFields, "description"]

/** A new record's profile: `name` required, the slug made from it when not given. */
const newProfile = (call: Call, names: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const profile = yield* profileOf(call.fields, names)
    if (profile.name === undefined) {
      return yield* Effect.fail(validationError([{ field: "name", value: null, message: "Missing required field" }]))
    }
    return { ...profile, name: profile.name, slug: profile.slug ?? slugify(profile.name) }
  })

const created = (body: Record<string, unknown>) =>
  HttpServerResponse.unsafeJson({ status: "created", ...body }, { status: 201 })
const updated = (body: Record<string, unknown>) => HttpServerResponse.unsafeJson({ status: "updated", ...body })
const deleted = (body: Record<string, unknown>) => HttpServerResponse.unsafeJson({ status: "deleted", ...body })

/** A removal refused because records still hang under it: BadgeKit's 409, naming the slug and what is there. */
const stillUsed = (entity: string, slug: string) => (error: Conflict) =>
  Effect.fail(error.dependents === undefined ? conflict(entity, {}) : inUse(entity, slug, error.dependents))

/** The hierarchy handlers. */
export const SystemsHttp: Layer.Layer<
  HttpApiGroup.ApiGroup<"badgekit", "badgekitSystems">,
  never,
  Organisations.Organisations | Issuers.Issuers | BadgeKitKeys.BadgeKitKeys | IdGenerator
> = HttpApiBuilder.group(Api, "badgekitSystems", (handlers) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    const issuers = yield* Issuers.Issuers
    const ids = yield* IdGenerator

    const withPrograms = (issuer: Issuer) =>
      Effect.map(issuers.listPrograms(issuer.id), (programs) => ({ issuer, programs }))

    const system = (id: OrganisationId) =>
      Effect.gen(function*() {
        const organisation = yield* organisations.get(id)
        const nested = yield* Effect.forEach(yield* issuers.list(id), withPrograms)
        return systemJson(organisation, nested)
      })

    const issuerWithPrograms = (issuer: Issuer) =>
      Effect.map(withPrograms(issuer), ({ programs }) => issuerJson(issuer, programs))

    const taken = (entity: string, call: Call) => () => Effect.fail(conflict(entity, call.fields))

    return handlers
      .handle("listSystems", () =>
        signed(undefined, (call) =>
          Effect.gen(function*() {
            const all = call.key.organisationId === undefined
              ? yield* organisations.list()
              : [yield* organisations.get(call.key.organisationId as OrganisationId)]
            return HttpServerResponse.unsafeJson({ systems: yield* Effect.forEach(all, (o) => system(o.id)) })
          })))
      .handle("createSystem", () =>
        signed(undefined, (call) =>
          Effect.gen(function*() {
            const profile = yield* newProfile(call, systemFields)
            const made = yield* organisations.create({ ...profile, id: yield* ids.make("org") }).pipe(
              Effect.catchTag("Conflict", taken("system", call))
            )
            return created({ system: yield* system(made.id) })
          })))
      .handle("getSystem", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            return HttpServerResponse.unsafeJson({ system: yield* system(place.system.id) })
          })))
      .handle("updateSystem", ({ path }) =>
        signed(path.system, (call) =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const patch = yield* profileOf(call.fields, systemFields)
            yield* organisations.update(place.system.id, patch).pipe(Effect.catchTag("Conflict", taken("system", call)))
            return updated({ system: yield* system(place.system.id) })
          })))
      .handle("deleteSystem", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            // Answered as it was just before it went, as a GET would have shown it.
            const shown = yield* system(place.system.id)
            yield* organisations.remove(place.system.id).pipe(
              Effect.catchTag("Conflict", stillUsed("system", place.system.slug))
            )
            return deleted({ system: shown })
          })))
      .handle("listIssuers", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const all = yield* Effect.forEach(yield* issuers.list(place.system.id), issuerWithPrograms)
            return HttpServerResponse.unsafeJson({ issuers: all })
          })))
      .handle("createIssuer", ({ path }) =>
        signed(path.system, (call) =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const profile = yield* newProfile(call, profileFields)
            const made = yield* issuers.create({ ...profile, organisationId: place.system.id }).pipe(
              Effect.catchTag("Conflict", taken("issuer", call))
            )
            return created({ issuer: issuerJson(made) })
          })))
      .handle("getIssuer", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            return HttpServerResponse.unsafeJson({ issuer: yield* issuerWithPrograms(place.issuer!) })
          })))
      .handle("updateIssuer", ({ path }) =>
        signed(path.system, (call) =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const patch = yield* profileOf(call.fields, profileFields)
            const saved = yield* issuers.update(place.issuer!.id, patch).pipe(
              Effect.catchTag("Conflict", taken("issuer", call))
            )
            return updated({ issuer: yield* issuerWithPrograms(saved) })
          })))
      .handle("deleteIssuer", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const removed = yield* issuers.remove(place.issuer!.id).pipe(
              Effect.catchTag("Conflict", stillUsed("issuer", place.issuer!.slug))
            )
            return deleted({ issuer: issuerJson(removed) })
          })))
      .handle("listPrograms", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const all = yield* issuers.listPrograms(place.issuer!.id)
            return HttpServerResponse.unsafeJson({ programs: all.map(programJson) })
          })))
      .handle("createProgram", ({ path }) =>
        signed(path.system, (call) =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const profile = yield* newProfile(call, profileFields)
            const made = yield* issuers.createProgram({
              ...profile,
              organisationId: place.system.id,
              issuerId: place.issuer!.id
            }).pipe(Effect.catchTag("Conflict", taken("program", call)))
            return created({ program: programJson(made) })
          })))
      .handle("getProgram", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            return HttpServerResponse.unsafeJson({ program: programJson(place.program!) })
          })))
      .handle("updateProgram", ({ path }) =>
        signed(path.system, (call) =>
          Effect.gen(function*() {
            const place = yield* placeOf(path satisfies Level)
            const patch = yield* profileOf(call.fields, profileFields)
            const saved = yield* issuers.updateProgram(place.program!.id, patch).pipe(
              Effect.catchTag("Conflict", taken("program", call))
            )
            return updated({ program: programJson(saved) })
          })))
      .handle("deleteProgram", ({ path }) =>
        signed(path.system, () =>
          Effect.gen(function*() {
            const place = yield* placeOf(path)
            const removed = yield* issuers.removeProgram(place.program!.id).pipe(
              Effect.catchTag("Conflict", stillUsed("program", place.program!.slug))
            )
            return deleted({ program: programJson(removed) })
          })))
  }))
