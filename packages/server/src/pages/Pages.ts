/**
 * The pages, as the server mounts them: their API (kept out of the OpenAPI document), handlers, the prefixes that
 * answer errors as HTML pages, and what the request log and traces must not carry.
 *
 * @since 0.1.0
 */
import type { ClaimCodes, Grants, Organisations, PublicBadges, ServerSecrets } from "@badge-engine/core"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type { Layer } from "effect"
import type { Shaped } from "../contracts/ErrorShapes.js"
import type { PublicUrl } from "../PublicUrl.js"
import * as ErrorPages from "./ErrorPages.js"
import {
  acceptPrefix,
  badgePrefix,
  claimPrefix,
  isSecretLink as isSecret,
  PagesApi,
  redactPath as redact
} from "./PagesApi.js"
import { PagesHttp } from "./PagesHttp.js"

/** The pages' API, which the server adds beside the contracts and health. */
export const api = PagesApi

/** The pages' handlers, over the services they call and the public URL their links and cookie start with. */
export const handlers: Layer.Layer<
  HttpApiGroup.ApiGroup<"pages", "pages">,
  never,
  | Grants.Grants
  | ClaimCodes.ClaimCodes
  | PublicBadges.PublicBadges
  | Organisations.Organisations
  | ServerSecrets.ServerSecrets
  | PublicUrl
> = PagesHttp

/** A path as the request log may print it: an accept link's key or a claim link's code replaced, in any form. */
export const redactPath = redact

/** Whether a request URL may reach an accept or claim link: such a request is never traced, its secret in the URL. */
export const isSecretLink = isSecret

/** The pages' prefixes: what never reaches their handlers answers as a page, not in a contract's JSON. */
export const shapes: ReadonlyArray<Shaped> = [
  { prefix: acceptPrefix, errorShape: ErrorPages.errorShape },
  { prefix: badgePrefix, errorShape: ErrorPages.errorShape },
  { prefix: claimPrefix, errorShape: ErrorPages.errorShape }
]
