/**
 * Baking an Open Badges 3.0 credential into its badge image, as the specification says: a PNG gains one `iTXt`
 * chunk with the keyword `openbadgecredential` holding the credential's JSON (uncompressed, before `IEND`, any
 * earlier one dropped); an SVG gains the `openbadges` namespace (`https://purl.imsglobal.org/ob/v3p0`) and an
 * `<openbadges:credential>` element holding the JSON as CDATA.
 *
 * @since 0.1.0
 */

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** The `iTXt` keyword of an Open Badges 3.0 credential. */
export const pngKeyword = "openbadgecredential"

/** The namespace of the `<openbadges:credential>` element. */
export const svgNamespace = "https://purl.imsglobal.org/ob/v3p0"

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** The CRC-32 a PNG chunk ends with, over its type and data. */
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A PNG chunk: length, type, data, CRC. */
const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** Whether bytes start with the PNG signature. */
export const isPng = (bytes: Uint8Array): boolean => signature.every((byte, i) => bytes[i] === byte)

/** The PNG's chunks, in order: type, start and end offsets; undefined when it is not a well-formed PNG. */
const chunksOf = (png: Uint8Array) => {
  if (!isPng(png)) return undefined
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const chunks: Array<{ type: string; start: number; end: number; data: Uint8Array }> = []
  let at = 8
  while (at + 12 <= png.length) {
    const length = view.getUint32(at)
    const end = at + 12 + length
    if (end > png.length) return undefined
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8))
    chunks.push({ type, start: at, end, data: png.subarray(at + 8, at + 8 + length) })
    at = end
    if (type === "IEND") return chunks
  }
  return undefined
}

/** An `iTXt` chunk's keyword. */
const keywordOf = (data: Uint8Array): string => new TextDecoder().decode(data.subarray(0, data.indexOf(0)))

/** The PNG with the text baked in under the keyword, replacing any; undefined when it is not a well-formed PNG. */
export const bakePng = (png: Uint8Array, text: string): Uint8Array | undefined => {
  const chunks = chunksOf(png)
  if (chunks === undefined) return undefined
  const encoder = new TextEncoder()
  // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, text
  const data = new Uint8Array([...encoder.encode(pngKeyword), 0, 0, 0, 0, 0, ...encoder.encode(text)])
  const parts: Array<Uint8Array> = [new Uint8Array(signature)]
  for (const part of chunks) {
    if (part.type === "iTXt" && keywordOf(part.data) === pngKeyword) continue
    if (part.type === "IEND") parts.push(chunk("iTXt", data))
    parts.push(png.subarray(part.start, part.end))
  }
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** The text baked into a PNG under the keyword, if any. */
export const unbakePng = (png: Uint8Array): string | undefined => {
  const found = chunksOf(png)?.find((part) => part.type === "iTXt" && keywordOf(part.data) === pngKeyword)
  if (found === undefined) return undefined
  const data = found.data
  let at = data.indexOf(0) + 3 // keyword NUL, compression flag, compression method
  at = data.indexOf(0, at) + 1 // language tag
  at = data.indexOf(0, at) + 1 // translated keyword
  return new TextDecoder().decode(data.subarray(at))
}

const cdata = (text: string): string => `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`

/** The SVG with the credential's JSON baked in; undefined when no `<svg` root element is found. */
export const bakeSvg = (svg: string, json: string): string | undefined => {
  const open = /<svg\b[^>]*>/.exec(svg)
  if (open === null) return undefined
  const tag = open[0].includes("xmlns:openbadges=")
    ? open[0]
    : open[0].replace(/^<svg\b/, `<svg xmlns:openbadges="${svgNamespace}"`)
  const cleaned = svg.slice(open.index + open[0].length).replace(
    /<openbadges:credential\b[\s\S]*?<\/openbadges:credential>/g,
    ""
  )
  return `${svg.slice(0, open.index)}${tag}<openbadges:credential>${cdata(json)}</openbadges:credential>${cleaned}`
}

/** The JSON baked into an SVG, if any. */
export const unbakeSvg = (svg: string): string | undefined => {
  const found = /<openbadges:credential[^>]*>([\s\S]*?)<\/openbadges:credential>/.exec(svg)
  return found?.[1]?.trim().replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
}

const escapeXml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\"", "&quot;")

/**
 * An SVG for a badge whose image is not held here (a URL elsewhere, or none): the image by reference, or the badge's
 * name, with the credential baked in.
 */
export const wrapperSvg = (name: string, imageUrl: string | undefined, json: string): string =>
  bakeSvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">` +
      (imageUrl !== undefined
        ? `<image href="${escapeXml(imageUrl)}" width="256" height="256"/>`
        : `<circle cx="128" cy="128" r="120" fill="#2f6f9f"/><text x="128" y="136" font-family="sans-serif" ` +
          `font-size="20" fill="#fff" text-anchor="middle">${escapeXml(name.slice(0, 24))}</text>`) +
      `</svg>`,
    json
  )!
