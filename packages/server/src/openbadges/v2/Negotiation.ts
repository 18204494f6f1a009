/**
 * Which form of a hosted document a request asks for: JSON-LD for `.json`, `?v=2_0`, or an `Accept` that ranks
 * JSON at least as high as HTML (so `*\/*` and no `Accept` at all get JSON, as verifiers expect); the badge page
 * for a browser, whose `Accept` ranks `text/html` first.
 *
 * @since 0.1.0
 */

/** The highest quality an `Accept` header gives any of the media types. */
const quality = (accept: string, types: ReadonlyArray<string>): number =>
  accept.split(",").reduce((best, range) => {
    const [type, ...parameters] = range.split(";").map((part) => part.trim().toLowerCase())
    if (type === undefined || !types.includes(type)) return best
    const q = parameters.find((parameter) => parameter.startsWith("q="))
    const value = q === undefined ? 1 : Number(q.slice(2))
    return Number.isFinite(value) ? Math.max(best, value) : best
  }, 0)

/** A path's id without its `.json` suffix, and whether it had one. */
export const suffixed = (id: string): { readonly id: string; readonly json: boolean } =>
  id.endsWith(".json") ? { id: id.slice(0, -5), json: true } : { id, json: false }

/** Whether a request for a hosted document wants the HTML page rather than JSON. */
export const wantsHtml = (url: string, accept: string | undefined): boolean => {
  const query = url.indexOf("?")
  if (query !== -1 && new URLSearchParams(url.slice(query + 1)).get("v") === "2_0") return false
  if (accept === undefined) return false
  return quality(accept, ["text/html", "application/xhtml+xml"]) >
    quality(accept, ["application/ld+json", "application/json"])
}
