/**
 * Decoding input with a Schema into the model, failing with an `InvalidInput` that names the offending field.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema } from "effect"
import { InvalidInput } from "./Errors.js"

/** The most of a message or a field name an error echoes: a 900 KB value must not come back whole. */
export const maxEchoLength = 200

/** A text cut to `max` characters, ending in `…` when it was longer. */
export const shortenEcho = (text: string, max = maxEchoLength): string =>
  text.length <= max ? text : `${text.slice(0, max)}…`

/** An issue's path as the field it names, dots between its keys, each key cut short. */
export const fieldOfPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => shortenEcho(String(key), maxEchoLength / 4)).join(".")

/** The first issue of a parse error as an `InvalidInput`, its path joined with dots under `prefix`. */
export const invalidInput = (error: ParseResult.ParseError, prefix?: string): InvalidInput => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = [...(prefix === undefined ? [] : [prefix]), ...(issue?.path ?? [])]
  return new InvalidInput({
    field: path.length === 0 ? "body" : fieldOfPath(path),
    reason: shortenEcho(issue?.message ?? "is not valid")
  })
}

/** Decodes `input`, refusing unknown fields; errors name the field. */
export const decode = <A, I>(schema: Schema.Schema<A, I>, prefix?: string) => (input: I | unknown) =>
  Schema.decodeUnknown(schema, { onExcessProperty: "error", errors: "first" })(input).pipe(
    Effect.mapError((error) => invalidInput(error, prefix))
  )
