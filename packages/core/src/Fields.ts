/**
 * Field schemas shared by the model, with the limits the contracts give.
 *
 * @since 0.1.0
 */
import { DateTime, Schema } from "effect"

/**
 * Text without NUL (U+0000), which PostgreSQL cannot store in text, while SQLite can: refused alike on both, with
 * the field named, rather than failing in the store on one of them.
 */
export const noNul = <S extends Schema.Schema.Any>(self: S) =>
  self.pipe(
    Schema.filter((value: unknown) => typeof value !== "string" || !value.includes("\u0000"), {
      message: () => "must not contain the NUL character (U+0000)"
    })
  )

/** Any text, without NUL. */
export const Text = noNul(Schema.String).annotations({ identifier: "Text", description: "Text without NUL (U+0000)" })

/** Whether an instant lies in years 1 to 9999, the range both databases store and ISO-8601 writes in four digits. */
const isStorable = (instant: DateTime.Utc): boolean => {
  const year = DateTime.getPartUtc(instant, "year")
  return year >= 1 && year <= 9999
}

/** An instant both databases store: years 1 to 9999 (Postgres refuses year 0, SQLite sorts ±years as text badly). */
export const StorableInstant = Schema.DateTimeUtcFromSelf.pipe(
  Schema.filter(isStorable, { message: () => "must be between the years 1 and 9999" })
).annotations({ identifier: "StorableInstant" })

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/

/** Whether an ISO-8601 text starts with a date that is on the calendar: no February 30th rolled into March. */
const isCalendarDate = (text: string): boolean => {
  const parts = isoDate.exec(text)
  if (parts === null) return false
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth
}

/**
 * An ISO-8601 timestamp on the wire (`2026-01-10T08:00:00Z`), decoded to an instant: a four-digit year from 1 to
 * 9999 and a real calendar date.
 */
export const IsoTimestamp = Schema.String.pipe(
  Schema.filter(isCalendarDate, { message: () => "must be an ISO-8601 timestamp with a real date in years 1 to 9999" }),
  Schema.compose(Schema.DateTimeUtc),
  Schema.compose(StorableInstant)
).annotations({
  identifier: "IsoTimestamp",
  description: "An ISO-8601 timestamp with a real date in years 1 to 9999"
})

/** A slug: lowercase letters, digits and dashes, at most 50 characters (BadgeKit). */
export const Slug = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(50),
  Schema.pattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: () => "must be lowercase letters, digits and single dashes (a-z0-9-)"
  })
).annotations({ identifier: "Slug" })

/** A name of at most 1024 characters (Badgr's BadgeClass limit), never blank. */
export const Name = noNul(Schema.Trim).pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.maxLength(1024)
)
  .annotations({ identifier: "Name" })

/** A long description of at most 16384 characters (Badgr's limit). */
export const Description = Text.pipe(Schema.maxLength(16384)).annotations({ identifier: "Description" })

/** A one-line tagline of at most 140 characters (BadgeKit's strapline). */
export const Strapline = Text.pipe(Schema.maxLength(140)).annotations({ identifier: "Strapline" })

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** An absolute http(s) URL of at most 2048 characters. */
export const HttpUrl = Text.pipe(
  Schema.maxLength(2048),
  Schema.filter(isHttpUrl, { message: () => "must be an absolute http(s) URL" })
).annotations({ identifier: "HttpUrl" })

/** An ActivityPub profile URI of at most 500 characters (BadgeFed). */
export const ProfileUri = HttpUrl.pipe(Schema.maxLength(500)).annotations({ identifier: "ProfileUri" })

/** An email address of at most 254 characters. */
export const Email = Text.pipe(
  Schema.maxLength(254),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be an email address" })
).annotations({ identifier: "Email" })

/** Free text evidence or narrative of at most 2000 characters (BadgeFed). */
export const EvidenceText = Text.pipe(Schema.maxLength(2000)).annotations({ identifier: "EvidenceText" })

/** A short label: category, tag, activity type. */
export const Label = Text.pipe(Schema.minLength(1), Schema.maxLength(100)).annotations({ identifier: "Label" })

/** An IANA time zone name that this runtime knows. */
export const TimeZone = Schema.String.pipe(
  Schema.filter((zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone })
      return true
    } catch {
      return false
    }
  }, { message: () => "must be an IANA time zone such as Europe/Oslo" })
).annotations({ identifier: "TimeZone" })

/** A whole number ≥ 0. */
export const Count = Schema.Int.pipe(Schema.nonNegative()).annotations({ identifier: "Count" })

/** A whole number ≥ 1. */
export const PositiveCount = Schema.Int.pipe(Schema.positive()).annotations({ identifier: "PositiveCount" })
