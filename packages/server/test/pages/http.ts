/**
 * For page tests over HTTP without a browser: a form post with the cookie a browser would send, and an offer's page
 * read for its CSRF cookie and token.
 */

/** A form post of these fields, with a `Cookie` header when one is given. */
export const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    ...(cookie !== undefined ? { cookie } : {})
  },
  body: new URLSearchParams(fields).toString()
})

/** The accept page, its CSRF cookie (as a `Cookie` header sends it back) and the token its form carries. */
export const openOffer = async (url: string) => {
  const response = await fetch(url)
  const html = await response.text()
  const cookie = response.headers.get("set-cookie") ?? ""
  return { response, html, cookie: cookie.split(";")[0]!, token: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "" }
}
