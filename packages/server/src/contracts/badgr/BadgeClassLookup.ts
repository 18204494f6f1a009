/**
 * Finding the BadgeClasses a Badgr request names: by entityId or integer serial, by ref (the URL-safe base64 of the
 * openBadgeId), and every one of the token's organisation.
 *
 * @since 0.1.0
 */
import { type BadgeDefinition, type BadgeDefinitionId, type DefinitionFilter, Definitions } from "@badge-engine/core"
import { Effect } from "effect"
import { serialOf } from "../../images/BadgeImageApi.js"
import type { PublicUrl } from "../../PublicUrl.js"
import { openBadgeIdOf } from "./BadgeClassJson.js"
import { notFound } from "./Errors.js"
import { organisationOfToken } from "./Organisation.js"

/** A definition of the token's organisation by entityId or serial; an archived one only when asked for. */
export const byIdOrEntityId = (idOrEntityId: string, includeArchived: boolean) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const serial = serialOf(idOrEntityId)
    const definition = serial === undefined
      ? (yield* definitions.get(idOrEntityId as BadgeDefinitionId)).definition
      : yield* definitions.getBySerial(yield* organisationOfToken, serial)
    if (definition.archivedAt !== undefined && !includeArchived) return yield* Effect.fail(notFound())
    return definition
  })

/** The entityId a ref names on this server, if it is the base64url of one of its BadgeClass openBadgeIds. */
export const entityIdOfRef = (ref: string, urls: PublicUrl["Type"]): string | undefined => {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(ref)) return undefined
  const decoded = Buffer.from(ref, "base64url").toString("utf8")
  const base = openBadgeIdOf("", urls)
  const id = decoded.startsWith(base) ? decoded.slice(base.length) : ""
  return /^[A-Za-z0-9_-]+$/.test(id) && serialOf(id) === undefined ? id : undefined
}

/** A definition by ref; a ref naming nothing here is 404. */
export const byRef = (ref: string, urls: PublicUrl["Type"], includeArchived: boolean) => {
  const id = entityIdOfRef(ref, urls)
  return id === undefined ? Effect.fail(notFound()) : byIdOrEntityId(id, includeArchived)
}

/** Every definition of the token's organisation matching the filter, in serial order. */
export const listAll = (filter: Omit<DefinitionFilter, "organisationId">) =>
  Effect.gen(function*() {
    const definitions = yield* Definitions.Definitions
    const organisationId = yield* organisationOfToken
    const all: Array<BadgeDefinition> = []
    for (let page = 1;; page++) {
      const found = yield* definitions.listPlain({ ...filter, organisationId }, { page, limit: 100 })
      all.push(...found.items)
      if (found.items.length < 100 || all.length >= found.total) return all
    }
  })
