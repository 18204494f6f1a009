/**
 * The body of a grant, checked by hand so the answers are BadgeFed's, word for word and in its order: the badge id,
 * a recipient, the email's format, the profile URI's format, then each field's length.
 *
 * @since 0.1.0
 */
import { Either } from "effect"

/** A grant request that passed the checks; blank fields read as absent. */
export interface GrantRequest {
  readonly badgeId: number
  readonly profileUri?: string | undefined
  readonly name?: string | undefined
  readonly email?: string | undefined
  readonly evidence?: string | undefined
}

/** The length limits, in the order they are checked, with the names the messages give the fields. */
const limits = [
  ["profileUri", "ProfileUri", 500],
  ["name", "Name", 200],
  ["email", "Email", 254],
  ["evidence", "Evidence", 2000]
] as const

type Field = typeof limits[number][0]

/**
 * A field by its name in any letter case (`badgeId`, `BadgeId`), as BadgeFed reads JSON (ASP.NET's web defaults);
 * the exact name wins.
 */
const read = (body: Readonly<Record<string, unknown>>, name: string): unknown => {
  if (Object.hasOwn(body, name)) return body[name]
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : body[key]
}

/** Absent, `null` or blank: names nothing. */
const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "")

/** A whole number above 0, given as a number or as digits (BadgeFed reads numbers from strings too). */
const badgeIdOf = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}

const isEmail = (value: unknown): boolean => typeof value === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)

const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== "string") return false
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** Checks a body read as any JSON: the request, or the first of BadgeFed's messages that applies. */
export const check = (payload: unknown): Either.Either<GrantRequest, string> => {
  const body: Readonly<Record<string, unknown>> = typeof payload === "object" && payload !== null &&
      !Array.isArray(payload)
    ? payload as Record<string, unknown>
    : {}
  const badgeId = badgeIdOf(read(body, "badgeId"))
  if (badgeId === undefined) return Either.left("BadgeId is required and must be greater than 0")
  const given = Object.fromEntries(
    limits.map(([field]) => [field, isBlank(read(body, field)) ? undefined : read(body, field)])
  ) as Record<Field, unknown>
  if (given.profileUri === undefined && given.email === undefined) {
    return Either.left("Either ProfileUri or Email must be provided")
  }
  if (given.email !== undefined && !isEmail(given.email)) return Either.left("Invalid email format")
  if (given.profileUri !== undefined && !isHttpUrl(given.profileUri)) return Either.left("Invalid ProfileUri format")
  for (const [field, label, max] of limits) {
    const value = given[field]
    if (value === undefined) continue
    if (typeof value !== "string") return Either.left(`${label} must be a string`)
    if (value.length > max) return Either.left(`${label} must be at most ${max} characters`)
  }
  return Either.right({ ...(given as Record<Field, string | undefined>), badgeId })
}
