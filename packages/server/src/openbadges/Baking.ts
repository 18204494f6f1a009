/**
 * Baking: an Open Badges document put into its badge's image, one way for both versions; the keyword says which.
 * A PNG gets exactly one uncompressed `iTXt` chunk of the keyword (`openbadges` for a 2.0 assertion,
 * `openbadgecredential` for a 3.0 credential) just before `IEND`, any earlier one of that keyword dropped, written
 * through png-chunks-extract/encode, which check and compute the CRCs. An SVG gets the version's `openbadges`
 * namespace on its root and, as its first child, `<openbadges:assertion verify="{assertion URL}">` (2.0) or
 * `<openbadges:credential>` (3.0) holding the JSON as CDATA, any earlier one dropped.
 *
 * @since 0.1.0
 */
import encodeChunks from "png-chunks-encode"
import extractChunks from "png-chunks-extract"

/** The `iTXt` keyword of each version: 2.0's assertion, 3.0's credential. */
export type Keyword = "openbadges" | "openbadgecredential"

/** Each version's SVG namespace and element (always under the `openbadges:` prefix). */
export const svgForms: Record<Keyword, { readonly namespace: string; readonly element: string }> = {
  openbadges: { namespace: "http://openbadges.org", element: "assertion" },
  openbadgecredential: { namespace: "https://purl.imsglobal.org/ob/v3p0", element: "credential" }
}

/** The hash of a badge image uploaded to this server, from its URL (`…/images/{hash}`): the only images baked. */
export const uploadedHash = (imageUrl: string | undefined): string | undefined =>
  imageUrl === undefined ? undefined : /\/images\/([0-9a-f]{64})$/.exec(imageUrl)?.[1]

type Chunk = { readonly name: string; readonly data: Uint8Array }

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0))

/**
 * An `iTXt` chunk's data: keyword, NUL, compression flag 0 and method 0, an empty language tag and translated
 * keyword (each NUL-ended), then the UTF-8 text.
 */
const iTXt = (keyword: Keyword, text: string): Uint8Array => {
  const head = latin1(`${keyword}\0\0\0\0\0`)
  const body = new TextEncoder().encode(text)
  const data = new Uint8Array(head.length + body.length)
  data.set(head)
  data.set(body, head.length)
  return data
}

/** Whether a chunk is an `iTXt` of the keyword. */
const isOf = (keyword: Keyword) => (chunk: Chunk): boolean =>
  chunk.name === "iTXt" && chunk.data.length > keyword.length &&
  new TextDecoder("latin1").decode(chunk.data.subarray(0, keyword.length + 1)) === `${keyword}\0`

/** A PNG's chunks; undefined when the bytes are not a well-formed PNG (the library checks signature and CRCs). */
const chunksOf = (png: Uint8Array): Array<Chunk> | undefined => {
  try {
    return extractChunks(png)
  } catch {
    return undefined
  }
}

/** A PNG with the text baked in under the keyword, just before its end; undefined when it is not a well-formed PNG. */
export const bakePng = (png: Uint8Array, keyword: Keyword, text: string): Uint8Array | undefined => {
  const chunks = chunksOf(png)?.filter((chunk) => !isOf(keyword)(chunk))
  if (chunks === undefined) return undefined
  const end = chunks.findIndex((chunk) => chunk.name === "IEND")
  chunks.splice(end === -1 ? chunks.length : end, 0, { name: "iTXt", data: iTXt(keyword, text) })
  return encodeChunks(chunks)
}

/** The texts of a PNG's `iTXt` chunks of the keyword: what a baked badge unbakes to. */
export const unbakePng = (png: Uint8Array, keyword: Keyword): ReadonlyArray<string> =>
  (chunksOf(png) ?? []).filter(isOf(keyword)).map((chunk) => {
    // After the keyword's NUL: flag, method, then two NUL-ended strings.
    let at = keyword.length + 3
    at = chunk.data.indexOf(0, at) + 1
    at = chunk.data.indexOf(0, at) + 1
    return new TextDecoder().decode(chunk.data.subarray(at))
  })

/** Escapes text for a double-quoted XML attribute or element content. */
const escapeXml = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[char]!)

/** The root element's start tag (quoted attribute values may hold `>`), after any prolog. */
const rootTag = /<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>/

/** The version's element, with whatever it holds. */
const elementPattern = (keyword: Keyword, flags?: string) =>
  new RegExp(
    `<openbadges:${svgForms[keyword].element}\\b[^>]*>([\\s\\S]*?)</openbadges:${svgForms[keyword].element}>`,
    flags
  )

/**
 * An SVG with a document's JSON baked in under the keyword (2.0 names its assertion's URL in `verify`); undefined
 * when it has no `<svg>` root.
 */
export const bakeSvg = (svg: string, keyword: Keyword, json: string, verify?: string): string | undefined => {
  const found = rootTag.exec(svg)
  if (found === null) return undefined
  const { element, namespace } = svgForms[keyword]
  let tag = found[0]
  const selfClosing = tag.endsWith("/>")
  if (selfClosing) tag = `${tag.slice(0, -2).trimEnd()}>`
  if (!/\sxmlns:openbadges\s*=/.test(tag)) tag = `${tag.slice(0, -1)} xmlns:openbadges="${namespace}">`
  // `>` escaped in the JSON keeps `]]>` out of the CDATA section; the JSON means the same.
  const baked = `<openbadges:${element}${verify === undefined ? "" : ` verify="${escapeXml(verify)}"`}><![CDATA[${
    json.replace(/>/g, "\\u003e")
  }]]></openbadges:${element}>`
  const rest = svg.slice(found.index + found[0].length).replace(elementPattern(keyword, "g"), "")
  return `${svg.slice(0, found.index)}${tag}${baked}${selfClosing ? "</svg>" : ""}${rest}`
}

/** The JSON baked into an SVG under the keyword, if any. */
export const unbakeSvg = (svg: string, keyword: Keyword): string | undefined =>
  elementPattern(keyword).exec(svg)?.[1]?.trim().replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1")

/**
 * An SVG for a badge whose image is not held here (a URL elsewhere, or none): the image by reference, or the badge's
 * name, with the document baked in under the keyword.
 */
export const wrapperSvg = (name: string, imageUrl: string | undefined, keyword: Keyword, json: string): string =>
  bakeSvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">` +
      (imageUrl !== undefined
        ? `<image href="${escapeXml(imageUrl)}" width="256" height="256"/>`
        : `<circle cx="128" cy="128" r="120" fill="#2f6f9f"/><text x="128" y="136" font-family="sans-serif" ` +
          `font-size="20" fill="#fff" text-anchor="middle">${escapeXml(name.slice(0, 24))}</text>`) +
      `</svg>`,
    keyword,
    json
  )!
