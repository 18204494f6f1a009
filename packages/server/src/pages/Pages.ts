/**
 * The pages, as the server mounts them: their API (kept out of the OpenAPI document), handlers, the prefixes that
 * answer errors as HTML pages, and what the request log must not print.
 *
 * @since 0.1.0
 */
import type { Shaped } from "../contracts/ErrorShapes.js"
import * as ErrorPages from "./ErrorPages.js"
import { acceptPrefix, badgePrefix } from "./PagesApi.js"

export { PagesApi as api, redactPath } from "./PagesApi.js"
export { PagesHttp as handlers } from "./PagesHttp.js"

/** The pages' prefixes: what never reaches their handlers answers as a page, not in a contract's JSON. */
export const shapes: ReadonlyArray<Shaped> = [
  { prefix: acceptPrefix, errorShape: ErrorPages.errorShape },
  { prefix: badgePrefix, errorShape: ErrorPages.errorShape }
]
