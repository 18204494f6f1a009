/**
 * A machine rule: the criteria type's name and its parameters, as stored on a definition.
 * Which types exist, and what their parameters must be, is the {@link CriteriaRegistry}'s concern.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Text } from "../Fields.js"

/** A rule `{ type, ...parameters }`, e.g. `{ "type": "session_count", "threshold": 1 }`. */
export const Rule = Schema.Struct(
  { type: Text.pipe(Schema.minLength(1), Schema.maxLength(100)) },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).annotations({ identifier: "Rule" })
/** @since 0.1.0 */
export type Rule = typeof Rule.Type
