/**
 * Decoding input with a Schema into the model, failing with an `InvalidInput` that names the offending field.
 *
 * @since 0.1.0
 */
import { Effect, ParseResult, Schema } from "effect"
import { InvalidInput } from "./Errors.js"

/** The first issue of a parse error as an `InvalidInput`, its path joined with dots under `prefix`. */
export const invalidInput = (error: ParseResult.ParseError, prefix?: string): InvalidInput => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = [...(prefix === undefined ? [] : [prefix]), ...(issue?.path.map(String) ?? [])]
  return new InvalidInput({
    field: path.length === 0 ? "body" : path.join("."),
    reason: issue?.message ?? "is not valid"
  })
}

/** Decodes `input`, refusing unknown fields; errors name the field. */
export const decode = <A, I>(schema: Schema.Schema<A, I>, prefix?: string) => (input: I | unknown) =>
  Schema.decodeUnknown(schema, { onExcessProperty: "error", errors: "first" })(input).pipe(
    Effect.mapError((error) => invalidInput(error, prefix))
  )
