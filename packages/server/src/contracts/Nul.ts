/**
 * NUL (U+0000) anywhere in a request's path, query or body, found before any endpoint decodes it: PostgreSQL cannot
 * store it in text and SQLite can, so every contract refuses it alike, naming where it is, on both.
 *
 * @since 0.1.0
 */

/** Where in a JSON value a string or key holds NUL: its path, or undefined. */
const inJson = (value: unknown, path: ReadonlyArray<string>): ReadonlyArray<string> | undefined => {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined
  if (typeof value !== "object" || value === null) return undefined
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key]
    const found = inJson(inner, [...path, key])
    if (found !== undefined) return found
  }
  return undefined
}

/** Where in URL-encoded parameters a name or value holds NUL: the parameter's name, or undefined. */
const inParams = (params: URLSearchParams): ReadonlyArray<string> | undefined => {
  for (const [name, value] of params) {
    if (name.includes("\u0000") || value.includes("\u0000")) return [name]
  }
  return undefined
}

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The field that holds NUL: `path` for the URL's path, a query parameter's name, or the body field's path (JSON or
 * a form); undefined when there is none. `body` is the body's text, when it was read (bodies are at most nested
 * {@link RequestBody.maxJsonDepth} deep by then).
 */
export const fieldWithNul = (
  url: string,
  contentType: string | undefined,
  body: string | undefined
): ReadonlyArray<string> | undefined => {
  const [path = "", query = ""] = url.split(/\?(.*)/s, 2)
  if (path.includes("\u0000") || /%00/i.test(path)) return ["path"]
  const inQuery = inParams(new URLSearchParams(query))
  if (inQuery !== undefined) return inQuery
  if (body === undefined) return undefined
  const type = (contentType ?? "application/json").toLowerCase()
  if (type.includes("x-www-form-urlencoded")) return inParams(new URLSearchParams(body))
  // Only a JSON text with `\u0000` in it can hold NUL: a raw NUL in a JSON string is invalid JSON.
  if (type.includes("application/json") && /\\u0000/i.test(body)) return inJson(parsedJson(body), [])
  return undefined
}
