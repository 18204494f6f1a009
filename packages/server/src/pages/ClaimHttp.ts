/**
 * The claim link's handlers: the page of a code (`GET /claim/{code}`) and its form (`POST`), which redeems the code
 * for the email and name given. The code is the permission; it is never logged. Every failure is a page.
 *
 * @since 0.1.0
 */
import { ClaimCodes, type NotFound, type Organisation, Recipient, type StoreError } from "@badge-engine/core"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { DateTime, Effect, Redacted } from "effect"
import * as ClaimPages from "./ClaimPages.js"
import * as Csrf from "./Csrf.js"
import * as ErrorPages from "./ErrorPages.js"
import { type ClaimForm, claimPrefix } from "./PagesApi.js"

type Page = HttpServerResponse.HttpServerResponse

/** What the claim handlers need from the pages': the services, the issuer's reading and the public URL. */
export interface Context {
  readonly codes: ClaimCodes.ClaimCodes["Type"]
  readonly issuer: (id: Organisation["id"]) => Effect.Effect<Organisation, NotFound | StoreError>
  readonly root: string
  readonly secure: boolean
}

const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/** The form's fields checked: what is wrong with them, if anything, as the page says it. */
const problemOf = (email: string, name: string): string | undefined =>
  email === "" || name === ""
    ? "Please enter both your email address and your name."
    : email.length > 320 || !emailPattern.test(email)
    ? "Please enter an email address such as name@example.org."
    : name.length > 255
    ? "Please enter a name of at most 255 characters."
    : undefined

/** The claim link's handlers over the pages' context. */
export const handlers = ({ codes, issuer, root, secure }: Context) => {
  /** The code and its badge; an unknown code is `NotFound`, answered with the one 404 page. */
  const open = (code: string): Effect.Effect<
    { readonly claim: ClaimPages.Claim; readonly refusal: ClaimPages.Refusal | undefined },
    NotFound | StoreError
  > =>
    Effect.gen(function*() {
      const opened = yield* codes.open(Redacted.make(code))
      const claim: ClaimPages.Claim = {
        definition: opened.definition,
        organisation: yield* issuer(opened.definition.organisationId),
        root
      }
      // No form that cannot work: an archived badge is no longer awarded.
      const refusal: ClaimPages.Refusal | undefined = opened.definition.active
        ? ClaimCodes.unavailability(opened.code, yield* DateTime.now)
        : "inactive"
      return { claim, refusal }
    })

  const withCookie = (page: Page, token: string) => Csrf.withCookie(page, token, { root, secure, scope: claimPrefix })

  const claimPage = (code: string, request: HttpServerRequest.HttpServerRequest) =>
    Effect.gen(function*() {
      const { claim, refusal } = yield* open(code)
      if (refusal !== undefined) return ClaimPages.refused(claim, refusal)
      const token = yield* Csrf.tokenFor(request)
      return withCookie(ClaimPages.form(claim, token), token)
    })

  const claim = (
    code: string,
    request: HttpServerRequest.HttpServerRequest,
    payload: typeof ClaimForm.Type
  ) =>
    Effect.gen(function*() {
      if (!Csrf.checks(request, payload.csrf)) {
        return ErrorPages.claimNotSent(`${root}${claimPrefix}/${encodeURIComponent(code)}`)
      }
      const { claim, refusal } = yield* open(code)
      if (refusal !== undefined) return ClaimPages.refused(claim, refusal)
      const email = (payload.email ?? "").trim()
      const name = (payload.name ?? "").replace(/\s+/g, " ").trim()
      const problem = problemOf(email, name)
      if (problem !== undefined) {
        const token = yield* Csrf.tokenFor(request)
        return withCookie(ClaimPages.form(claim, token, { email, name, problem }), token)
      }
      return yield* codes.redeem(Redacted.make(code), new Recipient({ kind: "email", value: email, name })).pipe(
        Effect.map((award) => ClaimPages.claimed(claim, name, award.id)),
        Effect.catchTags({
          // Another request took the last use, or the code changed, between the read and the redemption.
          ClaimCodeUnavailable: (unavailable) =>
            Effect.succeed(
              unavailable.reason === "unknown" ? ErrorPages.notFound() : ClaimPages.refused(claim, unavailable.reason)
            ),
          Conflict: () => Effect.succeed(ClaimPages.refused(claim, "held")),
          AwardLimitReached: () => Effect.succeed(ClaimPages.refused(claim, "limit")),
          DefinitionInactive: () => Effect.succeed(ClaimPages.refused(claim, "inactive"))
        })
      )
    })

  return { claimPage, claim }
}
