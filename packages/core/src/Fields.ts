/**
 * Field schemas shared by the model, with the limits the contracts give.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A slug: lowercase letters, digits and dashes, at most 50 characters (BadgeKit). */
export const Slug = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(50),
  Schema.pattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: () => "must be lowercase letters, digits and single dashes (a-z0-9-)"
  })
).annotations({ identifier: "Slug" })

/** A name of at most 1024 characters (Badgr's BadgeClass limit), never blank. */
export const Name = Schema.Trim.pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.maxLength(1024)
)
  .annotations({ identifier: "Name" })

/** A long description of at most 16384 characters (Badgr's limit). */
export const Description = Schema.String.pipe(Schema.maxLength(16384)).annotations({ identifier: "Description" })

/** A one-line tagline of at most 140 characters (BadgeKit's strapline). */
export const Strapline = Schema.String.pipe(Schema.maxLength(140)).annotations({ identifier: "Strapline" })

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** An absolute http(s) URL of at most 2048 characters. */
export const HttpUrl = Schema.String.pipe(
  Schema.maxLength(2048),
  Schema.filter(isHttpUrl, { message: () => "must be an absolute http(s) URL" })
).annotations({ identifier: "HttpUrl" })

/** An ActivityPub profile URI of at most 500 characters (BadgeFed). */
export const ProfileUri = HttpUrl.pipe(Schema.maxLength(500)).annotations({ identifier: "ProfileUri" })

/** An email address of at most 254 characters. */
export const Email = Schema.String.pipe(
  Schema.maxLength(254),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be an email address" })
).annotations({ identifier: "Email" })

/** Free text evidence or narrative of at most 2000 characters (BadgeFed). */
export const EvidenceText = Schema.String.pipe(Schema.maxLength(2000)).annotations({ identifier: "EvidenceText" })

/** A short label: category, tag, activity type. */
export const Label = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100)).annotations({ identifier: "Label" })

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
