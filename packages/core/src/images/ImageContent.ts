/**
 * What an uploaded image must be: a base64 `data:` URI of a PNG or an SVG, at most 256 KiB, whose bytes are what
 * its media type claims. SVGs are checked conservatively, by text patterns rather than a parser: anything that could
 * run script or reach outside the image is refused, including some harmless SVGs.
 *
 * @since 0.1.0
 */
import { Effect, Either, Encoding } from "effect"
import { InvalidInput } from "../Errors.js"
import type { ImageMediaType } from "./Image.js"

/** The largest image, in bytes: 256 KiB. */
export const maxBytes = 256 * 1024

const invalid = (reason: string) => new InvalidInput({ field: "image", reason })

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Patterns an SVG may not hold, with why: script, event handlers, entities and references outside the image. */
const refusedInSvg: ReadonlyArray<readonly [RegExp, string]> = [
  [/<script/i, "an SVG may not hold a script"],
  [/\son[a-z]+\s*=/i, "an SVG may not hold event attributes (on…=)"],
  [/javascript:/i, "an SVG may not hold javascript: URLs"],
  [/<!DOCTYPE|<!ENTITY/i, "an SVG may not declare a DOCTYPE or entities"],
  [/&#/, "an SVG may not hold character references"],
  [/<foreignObject/i, "an SVG may not hold foreignObject"],
  [/href\s*=(?!\s*["']?\s*#)/i, "an SVG may only reference its own elements (href=\"#…\")"],
  [/@import|url\((?!\s*["']?\s*#)/i, "an SVG's styles may only reference its own elements"]
]

const isPng = (bytes: Uint8Array): boolean => pngSignature.every((byte, i) => bytes[i] === byte)

/** The text before the root element: a BOM, an XML declaration, comments and whitespace. */
const prolog = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*/

const checkSvg = (bytes: Uint8Array): Either.Either<void, InvalidInput> => {
  let text: string
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return Either.left(invalid("an SVG must be UTF-8 text"))
  }
  if (!/^<svg[\s>/]/.test(text.replace(prolog, ""))) return Either.left(invalid("an SVG's root element must be <svg>"))
  const refused = refusedInSvg.find(([pattern]) => pattern.test(text))
  return refused === undefined ? Either.void : Either.left(invalid(refused[1]))
}

/** An upload's bytes and what they are. */
export interface Decoded {
  readonly mediaType: ImageMediaType
  readonly bytes: Uint8Array
}

/** The media type and bytes of a `data:` URI, checked; anything else is an `InvalidInput` on `image`. */
export const decodeDataUri = (dataUri: string): Effect.Effect<Decoded, InvalidInput> =>
  Effect.suspend((): Effect.Effect<Decoded, InvalidInput> => {
    const comma = dataUri.indexOf(",")
    const header = comma < 0 ? "" : dataUri.slice(0, comma).toLowerCase()
    if (!header.startsWith("data:")) return Effect.fail(invalid("an image upload must be a data: URI"))
    const [mediaType, ...parameters] = header.slice(5).split(";")
    if (mediaType !== "image/png" && mediaType !== "image/svg+xml") {
      return Effect.fail(invalid("an image must be a PNG (image/png) or an SVG (image/svg+xml)"))
    }
    if (parameters.at(-1) !== "base64") return Effect.fail(invalid("an image data: URI must be base64"))
    const encoded = dataUri.slice(comma + 1).replace(/\s+/g, "")
    if (encoded.length > Math.ceil(maxBytes / 3) * 4) return Effect.fail(invalid("an image may be at most 256 KiB"))
    const decoded = Encoding.decodeBase64(encoded)
    if (Either.isLeft(decoded)) return Effect.fail(invalid("an image data: URI must be valid base64"))
    const bytes = decoded.right
    if (bytes.length === 0) return Effect.fail(invalid("an image may not be empty"))
    if (bytes.length > maxBytes) return Effect.fail(invalid("an image may be at most 256 KiB"))
    if (mediaType === "image/png") {
      return isPng(bytes) ? Effect.succeed({ mediaType, bytes }) : Effect.fail(invalid("the image is not a PNG"))
    }
    return Either.match(checkSvg(bytes), {
      onLeft: Effect.fail,
      onRight: () => Effect.succeed({ mediaType, bytes })
    })
  })
