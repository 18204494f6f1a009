/**
 * The pages' own error pages, in HTML: what a person sees for an unknown link, a refused form, a request that
 * could not be read, or storage that does not answer. None names the record asked for or why it was not found.
 *
 * @since 0.1.0
 */
import type { ErrorShape } from "../contracts/Contract.js"
import { html, page } from "./Html.js"

/** Every unknown page: a wrong grant id or key, an unknown award, a path no page answers. One page for all. */
export const notFound = () =>
  page(
    404,
    "Page not found",
    html`<h1>We can't find that page</h1>
<p>The link may be incomplete or mistyped. If you copied it from an email, check that you copied all of it.</p>`
  )

/** An accept form posted without the token of its cookie: it did not come from the page, or cookies are off. */
export const refused = (offerPath: string) =>
  page(
    403,
    "Your acceptance was not sent",
    html`<h1>Your acceptance was not sent</h1>
<p>We couldn't confirm that it came from the offer page. Open the offer again and press the button once more.
This site needs cookies to be allowed.</p>
<p><a href="${offerPath}">Open the offer again</a></p>`
  )

/** A claim form posted without the token of its cookie: nothing was claimed. */
export const claimNotSent = (claimPath: string) =>
  page(
    403,
    "Your claim was not sent",
    html`<h1>Your claim was not sent</h1>
<p>We couldn't confirm that it came from the claim page. Open the claim page again and send the form once more.
This site needs cookies to be allowed.</p>
<p><a href="${claimPath}">Open the claim page again</a></p>`
  )

/** Storage does not answer: nothing the person did, and worth trying again. */
export const unavailable = () =>
  page(
    503,
    "Please try again later",
    html`<h1>Something went wrong on our side</h1>
<p>Nothing was changed. Please try again in a few minutes.</p>`
  )

const unreadable = () =>
  page(
    400,
    "This request could not be read",
    html`<h1>This request could not be read</h1>
<p>Go back to the page you came from and try again.</p>`
  )

/** What never reaches a page's handler, answered as pages rather than in a contract's JSON. */
export const errorShape: ErrorShape = {
  invalidRequest: unreadable,
  malformedBody: unreadable,
  payloadTooLarge: () =>
    page(
      413,
      "This request is too large",
      html`<h1>This request is too large</h1>
<p>Go back to the page you came from and try again.</p>`
    ),
  routeNotFound: notFound,
  unsupportedMediaType: unreadable,
  headersTooLarge: () =>
    page(
      431,
      "This request is too large",
      html`<h1>This request is too large</h1>
<p>Your browser sent more cookies or headers than we read. Clear this site's cookies and try again.</p>`
    )
}
