/**
 * Baking: an assertion put into its badge's image, as the Open Badges 2.0 baking specification says. A PNG gets
 * exactly one uncompressed `iTXt` chunk with the keyword `openbadges` holding the assertion's JSON (any chunk of that
 * keyword already there is replaced), written through png-chunks-extract/encode, which check and compute the CRCs.
 * An SVG gets the `openbadges` namespace on its root and an `<openbadges:assertion verify="{assertion URL}">` holding
 * the JSON as its first child.
 *
 * @since 0.1.0
 */
import encodeChunks from "png-chunks-encode"
import extractChunks from "png-chunks-extract"

/** The keyword of the chunk, and the namespace's prefix in SVG. */
export const keyword = "openbadges"

/** The namespace of the `openbadges:` elements in SVG. */
export const svgNamespace = "http://openbadges.org"

/** The hash of a badge image uploaded to this server, from its URL (`…/images/{hash}`): the only images baked. */
export const uploadedHash = (imageUrl: string | undefined): string | undefined =>
  imageUrl === undefined ? undefined : /\/images\/([0-9a-f]{64})$/.exec(imageUrl)?.[1]

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0))

/**
 * An `iTXt` chunk's data: keyword, NUL, compression flag 0 and method 0, an empty language tag and translated
 * keyword (each NUL-ended), then the UTF-8 text.
 */
export const iTXt = (text: string): Uint8Array => {
  const head = latin1(`${keyword}\0\0\0\0\0`)
  const body = new TextEncoder().encode(text)
  const data = new Uint8Array(head.length + body.length)
  data.set(head)
  data.set(body, head.length)
  return data
}

/** Whether a chunk is an `iTXt` of the `openbadges` keyword. */
const isOurs = (chunk: { readonly name: string; readonly data: Uint8Array }): boolean =>
  chunk.name === "iTXt" && chunk.data.length > keyword.length &&
  new TextDecoder("latin1").decode(chunk.data.subarray(0, keyword.length + 1)) === `${keyword}\0`

/** A PNG with the text baked in, just before its end; throws if the bytes are not a well-formed PNG. */
export const bakePng = (png: Uint8Array, text: string): Uint8Array => {
  const chunks = extractChunks(png).filter((chunk) => !isOurs(chunk))
  const end = chunks.findIndex((chunk) => chunk.name === "IEND")
  chunks.splice(end === -1 ? chunks.length : end, 0, { name: "iTXt", data: iTXt(text) })
  return encodeChunks(chunks)
}

/** The text of the `openbadges` `iTXt` chunks of a PNG: what a baked badge unbakes to. */
export const unbakePng = (png: Uint8Array): ReadonlyArray<string> =>
  extractChunks(png).filter(isOurs).map((chunk) => {
    // After the keyword's NUL: flag, method, then two NUL-ended strings.
    let at = keyword.length + 3
    at = chunk.data.indexOf(0, at) + 1
    at = chunk.data.indexOf(0, at) + 1
    return new TextDecoder().decode(chunk.data.subarray(at))
  })

/** Escapes text for a double-quoted XML attribute. */
const attribute = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[char]!)

/** The root element's start tag (quoted attribute values may hold `>`), after any prolog. */
const rootTag = /<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>/

/** An SVG with the assertion baked in; `undefined` when it has no `<svg>` root. */
export const bakeSvg = (svg: string, assertionUrl: string, json: string): string | undefined => {
  const found = rootTag.exec(svg)
  if (found === null) return undefined
  let tag = found[0]
  const selfClosing = tag.endsWith("/>")
  if (selfClosing) tag = `${tag.slice(0, -2).trimEnd()}>`
  if (!/\sxmlns:openbadges\s*=/.test(tag)) tag = `${tag.slice(0, -1)} xmlns:${keyword}="${svgNamespace}">`
  // `>` escaped in the JSON keeps `]]>` out of the CDATA section; the JSON means the same.
  const element = `<${keyword}:assertion verify="${attribute(assertionUrl)}"><![CDATA[${
    json.replace(/>/g, "\\u003e")
  }]]></${keyword}:assertion>`
  const rest = svg.slice(found.index + found[0].length)
  return `${svg.slice(0, found.index)}${tag}${element}${selfClosing ? "</svg>" : ""}${rest}`
}
