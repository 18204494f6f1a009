/**
 * What a definition says about a rule that could not be evaluated: one short line a person can act on, not the
 * plugin's whole error.
 *
 * @since 0.1.0
 */
import { ParseResult } from "effect"
import type { EvaluationError } from "../Errors.js"

const maxLength = 300

/** `criteria type T could not be evaluated: <path>: <first problem>`, at most 300 characters. */
export const ruleProblemMessage = (error: EvaluationError): string => {
  const cause = error.cause
  const detail = ParseResult.isParseError(cause)
    ? firstIssue(cause)
    : cause instanceof Error
    ? cause.message
    : cause === undefined
    ? "no plugin is registered for it"
    : String(cause)
  const message = `${error.message}: ${detail}`
  return message.length > maxLength ? `${message.slice(0, maxLength - 1)}…` : message
}

const firstIssue = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  return issue === undefined ? error.message : `${issue.path.map(String).join(".") || "parameters"}: ${issue.message}`
}
