/**
 * The pages' HTML: escaping, the one document every page is served in (inline CSS, no script, no external asset
 * but the badge image) and the response that carries it, with headers that keep the page to itself.
 *
 * @since 0.1.0
 */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"

/** A fragment of HTML, built only by {@link html} and {@link raw}: data reaches a page only escaped. */
export class Html {
  constructor(readonly value: string) {}
  /** The markup. */
  toString(): string {
    return this.value
  }
}

/** What a template may interpolate: escaped text, fragments, lists of them; `undefined` and `false` render nothing. */
export type Part = string | number | Html | ReadonlyArray<Part> | undefined | false

/** Escapes text for an element's content or a quoted attribute. */
export const escape = (text: string): string => text.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`)

const render = (part: Part): string => {
  if (part === undefined || part === false) return ""
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join("")
  return escape(String(part))
}

/** A template whose interpolations are escaped unless they are fragments already. */
export const html = (strings: TemplateStringsArray, ...parts: ReadonlyArray<Part>): Html =>
  new Html(strings.reduce((out, string, i) => out + string + (i < parts.length ? render(parts[i]) : ""), ""))

/** Markup written in this package, trusted as it is: never data. */
export const raw = (markup: string): Html => new Html(markup)

// Colours meet WCAG AA on their backgrounds: text #1f2937 on white is 14.7:1, #4b5563 7.6:1, links and the button's
// #1d4ed8 6.7:1 (white on it the same), the notices' text 7:1 or more on their tints.
const styles = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;
color:#1f2937;background:#f3f4f6;-webkit-text-size-adjust:100%}
body{margin:0;padding:1rem}
main{max-width:36rem;margin:1rem auto;padding:1.5rem;background:#fff;border:1px solid #d1d5db;border-radius:.75rem;
overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
p{margin:0 0 1rem}
main>:last-child{margin-bottom:0}
.lead{color:#4b5563;margin:0}
.badge{display:block;width:10rem;max-width:100%;height:auto;margin:0 auto 1rem}
dl{margin:0 0 1.5rem;display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem}
dt{font-weight:600;margin-top:.5rem}
dd,.text{white-space:pre-line}
dd{margin:0}
a{color:#1d4ed8;text-decoration:underline;text-underline-offset:.15em}
button{font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:.5rem;padding:.75rem 1.5rem;
min-height:2.75rem;width:100%;cursor:pointer}
button:hover{background:#1e40af}
label{display:block;font-weight:600;margin:0 0 .25rem}
input[type=email],input[type=text]{display:block;width:100%;font:inherit;color:#1f2937;background:#fff;
border:1px solid #6b7280;border-radius:.5rem;padding:.6rem .75rem;min-height:2.75rem;margin:0 0 1rem}
input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
a:focus-visible,button:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px;border-radius:.25rem}
button:focus-visible{border-radius:.5rem}
.links{margin:0;padding-left:1.25rem}
.links li{margin:.25rem 0}
.notice{padding:.75rem 1rem;border-radius:.5rem;border:1px solid;margin:0 0 1rem}
.notice-ok{color:#14532d;background:#f0fdf4;border-color:#86efac}
.notice-warn{color:#78350f;background:#fffbeb;border-color:#fcd34d}
.notice-stop{color:#7f1d1d;background:#fef2f2;border-color:#fca5a5}
@media (min-width:40rem){body{padding:2rem}main{padding:2rem}button{width:auto}}
`

/** A page's document: its title and main content, in English, readable from 320 px wide up. */
export const layout = (title: string, main: Html): string =>
  html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(styles)}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`.value

/**
 * The page's headers: no caching (an accept page is its link's secret), no referrer (the link would leak with the
 * badge image), no framing (no one overlays the Accept button), and nothing loaded but the badge image.
 */
const headers = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src http: https:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'"
  ].join("; ")
}

/** A page as a response. */
export const page = (status: number, title: string, main: Html): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(layout(title, main), { status, contentType: "text/html; charset=utf-8", headers })
