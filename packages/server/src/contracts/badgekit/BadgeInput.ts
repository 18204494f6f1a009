/**
 * A badge's fields as BadgeKit clients send them (JSON, form or multipart: booleans and numbers may come as text),
 * checked in BadgeKit's words and turned into the engine's definition fields. Every failing field is reported at
 * once, as BadgeKit's `ValidationError` lists them.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { type Fields, isUpload, type Upload } from "./Body.js"
import type { FieldError } from "./Errors.js"

/** The definition fields a badge body sets, under the engine's names, and an uploaded image. */
export interface BadgeInput {
  readonly fields: Record<string, unknown>
  readonly upload?: Upload | undefined
}

const timeUnits = ["minutes", "hours", "days", "weeks"]
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const isUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** A boolean as forms send it: `true`/`false`, `1`/`0`. */
const booleanOf = (value: unknown): boolean | undefined => {
  if (typeof value === "boolean") return value
  if (value === 1 || value === "1" || value === "true") return true
  if (value === 0 || value === "0" || value === "false") return false
  return undefined
}

/** A whole number ≥ 0, as JSON or text. */
const countOf = (value: unknown): number | undefined => {
  const number = typeof value === "number"
    ? value
    : typeof value === "string" && /^\d+$/.test(value)
    ? Number(value)
    : NaN
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined
}

/** A list as JSON, a repeated form field, JSON text, or comma-separated text. */
const listOf = (value: unknown): Array<unknown> | undefined => {
  if (Array.isArray(value)) return value
  if (typeof value !== "string") return undefined
  if (value.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value)
      return Array.isArray(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return value.split(",").map((item) => item.trim()).filter((item) => item !== "")
}

/**
 * The badge input of a body. On create, BadgeKit's required fields must be there; on update, only the fields sent
 * are checked and set (unknown fields are ignored either way).
 */
export const badgeInput = (body: Fields, mode: "create" | "update"): Either.Either<BadgeInput, Array<FieldError>> => {
  const errors: Array<FieldError> = []
  const fields: Record<string, unknown> = {}
  const fail = (field: string, value: unknown, message: string): void => {
    errors.push({ field, value: isUpload(value) ? "(file)" : value ?? null, message })
  }
  const given = (name: string): unknown => {
    const value = body[name]
    return value === "" || value === null ? undefined : value
  }

  const text = (name: string, target: string, options: { required?: boolean; max?: number; url?: boolean }) => {
    const raw = given(name)
    if (raw === undefined) {
      if (options.required && mode === "create") fail(name, body[name], "Missing required field")
      return
    }
    const value = typeof raw === "number" ? String(raw) : raw
    if (typeof value !== "string") return fail(name, raw, "Must be a string")
    if (options.max !== undefined && value.length > options.max) return fail(name, value, "String is not in range")
    if (options.url && !isUrl(value)) return fail(name, value, "Must be a valid URL")
    fields[target] = value
  }

  const slug = given("slug")
  if (slug !== undefined) {
    if (typeof slug !== "string" || slug.length > 50 || !slugPattern.test(slug)) {
      fail("slug", slug, "Must be lowercase letters, digits and dashes, at most 50 characters")
    } else fields.slug = slug
  }
  text("name", "name", { required: true, max: 255 })
  if (body.earnerDescription === undefined && body.description !== undefined) {
    text("description", "description", { required: true })
  } else text("earnerDescription", "description", { required: true })
  text("consumerDescription", "consumerDescription", { required: true })
  text("strapline", "strapline", { max: 140 })
  text("type", "badgeType", { required: true, max: 255 })
  text("issuerUrl", "issuerUrl", { url: true, max: 2048 })
  text("rubricUrl", "rubricUrl", { url: true, max: 2048 })
  text("criteriaUrl", "criteriaUrl", { url: true, max: 2048 })

  // The image: a file upload, or a URL as `imageUrl` (or as `image`, which forms may send as text).
  const image = given("image")
  const upload = isUpload(image) ? image : undefined
  if (upload === undefined) {
    const url = given("imageUrl") ?? image
    if (url === undefined) {
      if (mode === "create") fail("image", body.imageUrl ?? body.image, "Missing required field: image or imageUrl")
    } else if (typeof url !== "string" || !isUrl(url) || url.length > 2048) {
      fail(given("imageUrl") === undefined ? "image" : "imageUrl", url, "Must be a valid URL")
    } else fields.imageUrl = url
  }

  const unique = given("unique")
  if (unique !== undefined) {
    const value = booleanOf(unique)
    if (value === undefined) fail("unique", unique, "Must be a boolean")
    else fields.unique = value
  } else if (mode === "create") fields.unique = false
  const archived = given("archived")
  if (archived !== undefined) {
    const value = booleanOf(archived)
    if (value === undefined) fail("archived", archived, "Must be a boolean")
    else fields.active = !value
  }
  const units = given("timeUnits")
  if (units !== undefined) {
    if (typeof units !== "string" || !timeUnits.includes(units)) {
      fail("timeUnits", units, "Must be one of minutes, hours, days, weeks")
    } else fields.timeUnits = units
  }
  const timeValue = given("timeValue")
  if (timeValue !== undefined) {
    const value = countOf(timeValue)
    if (value === undefined) fail("timeValue", timeValue, "Must be a whole number")
    else fields.timeValue = value
  }
  const limit = given("limit")
  if (limit !== undefined) {
    const value = countOf(limit)
    if (value === undefined) fail("limit", limit, "Must be a whole number")
    // BadgeKit's 0 is no limit.
    else fields.maxAwards = value === 0 ? (mode === "update" ? null : undefined) : value
  }

  const criteria = given("criteria")
  if (criteria !== undefined) {
    const items = listOf(criteria)
    const parsed = items?.map((item) => {
      if (typeof item !== "object" || item === null) return undefined
      const { description, note, required } = item as Record<string, unknown>
      if (typeof description !== "string" || description === "") return undefined
      const isRequired = required === undefined ? true : booleanOf(required)
      if (isRequired === undefined || (note !== undefined && note !== null && typeof note !== "string")) {
        return undefined
      }
      return { description, required: isRequired, ...(typeof note === "string" ? { note } : {}) }
    })
    if (parsed === undefined || parsed.some((item) => item === undefined)) {
      fail("criteria", criteria, "Must be a list of { description, required, note }")
    } else fields.criteria = parsed
  }
  for (const name of ["categories", "tags"] as const) {
    const value = given(name)
    if (value === undefined) continue
    const items = listOf(value)
    if (items === undefined || items.some((item) => typeof item !== "string" || item === "" || item.length > 100)) {
      fail(name, value, "Must be a list of names of at most 100 characters")
    } else fields[name] = items
  }

  return errors.length > 0 ? Either.left(errors) : Either.right({ fields, upload })
}

/** The engine's field names that BadgeKit names otherwise, for errors the engine reports. */
export const badgeKitField: Readonly<Record<string, string>> = {
  description: "earnerDescription",
  badgeType: "type",
  maxAwards: "limit",
  imageUrl: "imageUrl",
  active: "archived"
}
