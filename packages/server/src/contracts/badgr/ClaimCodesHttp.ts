/**
 * Handlers of Badgr's claim codes, over the claim codes service (which checks the token's role and organisation);
 * the scopes are checked here against the BadgeClass's issuer, and a code must be the path's BadgeClass's.
 *
 * @since 0.1.0
 */
import { type BadgeDefinition, type ClaimCode, ClaimCodes, Definitions } from "@badge-engine/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { Effect, Option, Redacted } from "effect"
import { PublicUrl } from "../../PublicUrl.js"
import { Api } from "./Api.js"
import { byIdOrEntityId } from "./BadgeClassLookup.js"
import type { ClaimCodeInput } from "./ClaimCodesApi.js"
import { requireIssuer } from "./Credentials.js"
import { notFound } from "./Errors.js"
import { respond } from "./Failures.js"
import { iso, ok } from "./Json.js"

/** The claim codes handlers. */
export const ClaimCodesHttp = HttpApiBuilder.group(Api, "badgrClaimCodes", (handlers) =>
  Effect.gen(function*() {
    const codes = yield* ClaimCodes.ClaimCodes
    // BadgeClasses are looked up through the definitions service.
    const definitions = yield* Definitions.Definitions
    const urls = yield* PublicUrl

    /** A code as Badgr prints it; one that cannot be shown again has no code nor claim URL. */
    const json = (record: ClaimCode) =>
      Effect.map(Effect.option(Effect.catchTag(codes.codeOf(record.id), "Conflict", () => Effect.fail(undefined))), (
        code
      ) => {
        const plain = Option.map(code, Redacted.value)
        return {
          code: Option.getOrNull(plain),
          label: record.label ?? null,
          limit: record.limit ?? null,
          uses: record.uses,
          expirationDate: record.expiresAt === undefined ? null : iso(record.expiresAt),
          enabled: record.enabled,
          archived: record.archivedAt !== undefined,
          createdAt: iso(record.createdAt),
          claimUrl: Option.getOrNull(Option.map(plain, (value) => urls.to(`/claim/${encodeURIComponent(value)}`)))
        }
      })

    /** The path's BadgeClass, its issuer in the token's reach. */
    const badgeClass = (idOrEntityId: string) =>
      Effect.tap(
        Effect.provideService(byIdOrEntityId(idOrEntityId, true), Definitions.Definitions, definitions),
        (definition) => requireIssuer("rw", definition.issuerId)
      )

    /** The path's code, which must be the BadgeClass's. */
    const codeIn = (definition: BadgeDefinition, code: string) =>
      Effect.filterOrFail(codes.byCode(Redacted.make(code)), (found) =>
        found.definitionId === definition.id, () =>
        notFound())

    const one = (record: ClaimCode) =>
      Effect.map(json(record), (item) => ok([item]))

    const patchOf = (input: typeof ClaimCodeInput.Type) => ({
      ...(input.label === undefined ? {} : { label: input.label }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
      ...(input.expirationDate === undefined ? {} : { expiresAt: input.expirationDate })
    })

    const change = (
      idOrEntityId: string,
      code: string,
      f: (record: ClaimCode) => ReturnType<typeof codes.enable> | ReturnType<typeof codes.update>
    ) =>
      Effect.gen(function*() {
        const definition = yield* badgeClass(idOrEntityId)
        return yield* one(yield* f(yield* codeIn(definition, code)))
      }).pipe(respond)

    return handlers
      .handle("list", ({ path, urlParams }) =>
        Effect.gen(function*() {
          const definition = yield* badgeClass(path.idOrEntityId)
          const all = yield* codes.list(definition.id)
          const result = yield* Effect.forEach(all, json)
          return urlParams.includeClaimCodeCount === "true"
            ? { ...ok(result), claimCodeCount: result.length }
            : ok(result)
        }).pipe(respond))
      .handle("create", ({ path, payload }) =>
        Effect.gen(function*() {
          const definition = yield* badgeClass(path.idOrEntityId)
          const made = yield* codes.create({
            definitionId: definition.id,
            ...(payload.label == null ? {} : { label: payload.label }),
            ...(payload.limit == null ? {} : { limit: payload.limit }),
            ...(payload.expirationDate == null ? {} : { expiresAt: payload.expirationDate })
          })
          return yield* one(made.record)
        }).pipe(respond))
      .handle("update", ({ path, payload }) =>
        change(path.idOrEntityId, path.claimCode, (record) =>
          codes.update(record.id, patchOf(payload))))
      .handle("archive", ({ path }) =>
        change(path.idOrEntityId, path.claimCode, (record) =>
          codes.archive(record.id)))
      .handle("enable", ({ path }) => change(path.idOrEntityId, path.claimCode, (record) => codes.enable(record.id)))
      .handle("disable", ({ path }) => change(path.idOrEntityId, path.claimCode, (record) => codes.disable(record.id)))
  }))
