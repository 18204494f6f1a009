/**
 * BadgeKit's request bodies, read from the raw bytes the signature covers: `application/json`,
 * `application/x-www-form-urlencoded` and `multipart/form-data` (parsed by the runtime's own `Request.formData`).
 * Each becomes a record of fields; a multipart file is kept as bytes with its media type.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { type BadgeKitError, invalidContent } from "./Errors.js"

/** A file sent in a multipart body. */
export interface Upload {
  readonly _tag: "Upload"
  readonly mediaType: string
  readonly bytes: Uint8Array
}

/** A field's value: text, a parsed JSON value, or an uploaded file. */
export type Fields = Readonly<Record<string, unknown>>

/** Whether a field's value is an uploaded file. */
export const isUpload = (value: unknown): value is Upload =>
  typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === "Upload"

/** Form fields: a repeated name, or one ending in `[]`, collects its values in an array. */
const collect = (entries: Iterable<readonly [string, unknown]>): Fields => {
  const fields: Record<string, unknown> = {}
  for (const [rawName, value] of entries) {
    const list = rawName.endsWith("[]")
    const name = list ? rawName.slice(0, -2) : rawName
    const before = fields[name]
    if (before === undefined) fields[name] = list ? [value] : value
    else fields[name] = Array.isArray(before) ? [...before, value] : [before, value]
  }
  return fields
}

const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? "").split(";")[0]!.trim().toLowerCase()

/** The fields of a body; an empty body is no fields, whatever its type. */
export const parse = (contentType: string | undefined, bytes: Uint8Array): Effect.Effect<Fields, BadgeKitError> =>
  Effect.gen(function*() {
    if (bytes.length === 0) return {}
    const mediaType = mediaTypeOf(contentType)
    if (mediaType === "application/json" || mediaType === "") {
      const parsed = yield* Effect.try({
        try: () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
        catch: () => invalidContent("The body is not valid JSON")
      })
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return yield* Effect.fail(invalidContent("The body must be a JSON object"))
      }
      return parsed as Fields
    }
    if (mediaType === "application/x-www-form-urlencoded") {
      return collect(new URLSearchParams(new TextDecoder().decode(bytes)).entries())
    }
    if (mediaType === "multipart/form-data") {
      const form = yield* Effect.tryPromise({
        try: () =>
          new Request("http://badgekit.invalid/", {
            method: "POST",
            headers: { "content-type": contentType! },
            body: bytes
          }).formData(),
        catch: () => invalidContent("The multipart body could not be read")
      })
      const entries: Array<readonly [string, unknown]> = []
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") entries.push([name, value])
        else {
          const file = new Uint8Array(yield* Effect.promise(() => value.arrayBuffer()))
          entries.push([name, { _tag: "Upload", mediaType: mediaTypeOf(value.type), bytes: file } satisfies Upload])
        }
      }
      return collect(entries)
    }
    return yield* Effect.fail(
      invalidContent(
        "The body must be application/json, application/x-www-form-urlencoded or multipart/form-data"
      )
    )
  })
