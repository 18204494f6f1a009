/**
 * Badgr's JSON: the success envelope, and the engine's issuers as Badgr's Issuer entities with absolute
 * `openBadgeId`s on this server.
 *
 * @since 0.1.0
 */
import type { Issuer } from "@badge-engine/core"
import { DateTime, Schema } from "effect"
import { issuerPath } from "../../openbadges/v2/Paths.js"
import type { PublicUrl } from "../../PublicUrl.js"

/** Badgr's success envelope around a result list; a single entity is a one-item list. */
export const Envelope = <S extends Schema.Schema.Any>(entity: S, identifier: string) =>
  Schema.Struct({
    status: Schema.Struct({ success: Schema.Literal(true), description: Schema.String }),
    result: Schema.Array(entity)
  }).annotations({ identifier })

/** The envelope of a result list. */
export const ok = <A>(result: ReadonlyArray<A>) => ({ status: { success: true as const, description: "ok" }, result })

/** An Issuer as Badgr prints it. */
export const IssuerJson = Schema.Struct({
  entityType: Schema.Literal("Issuer"),
  entityId: Schema.String,
  openBadgeId: Schema.String,
  createdAt: Schema.String,
  createdBy: Schema.NullOr(Schema.String),
  name: Schema.String,
  image: Schema.NullOr(Schema.String),
  email: Schema.NullOr(Schema.String),
  url: Schema.NullOr(Schema.String),
  description: Schema.NullOr(Schema.String),
  extensions: Schema.Record({ key: Schema.String, value: Schema.Unknown })
}).annotations({ identifier: "BadgrIssuer" })

/** An instant as Badgr prints it: ISO-8601 UTC with `Z`. */
export const iso = (instant: DateTime.Utc): string => DateTime.formatIso(instant)

/** An issuer as Badgr prints it. */
export const issuerJson = (issuer: Issuer, urls: PublicUrl["Type"]): typeof IssuerJson.Type => ({
  entityType: "Issuer",
  entityId: issuer.id,
  openBadgeId: urls.to(issuerPath(issuer.id)),
  createdAt: iso(issuer.createdAt),
  createdBy: null,
  name: issuer.name,
  image: issuer.imageUrl ?? null,
  email: issuer.email ?? null,
  url: issuer.url ?? null,
  description: issuer.description ?? null,
  extensions: {}
})
