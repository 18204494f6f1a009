/**
 * The checks a hosted-verification verifier makes, made by the server over the documents it serves, so a badge page
 * can say whether its badge verifies: the assertion, its BadgeClass and its issuer link up, the assertion lies on
 * its issuer's origin, the recipient's hash holds, and the award is neither revoked nor expired.
 *
 * @since 0.1.0
 */
import { type PublicBadges, RecipientIdentity } from "@badge-engine/core"
import type { PublicUrl } from "../../PublicUrl.js"
import * as Documents from "./Documents.js"

/** One check and whether it passed. */
export interface Check {
  readonly name: "linked" | "origin" | "recipient" | "revoked" | "expired"
  readonly passed: boolean
}

/** The outcome: verified when every check passed. */
export interface Outcome {
  readonly verified: boolean
  readonly checks: ReadonlyArray<Check>
}

const origin = (url: unknown): string | undefined => {
  try {
    return typeof url === "string" ? new URL(url).origin : undefined
  } catch {
    return undefined
  }
}

/** Verifies an award as a verifier would from its hosted documents (its recipient hashed with `salt`). */
export const verify = (published: PublicBadges.PublishedAward, urls: PublicUrl["Type"], salt: string): Outcome => {
  const assertion = Documents.assertion(published, urls, salt)
  const badgeClass = Documents.badgeClass(published, urls)
  const profile = Documents.profile(published.issuer, urls)
  const recipient = assertion.recipient as RecipientIdentity.RecipientIdentity
  const checks: ReadonlyArray<Check> = [
    { name: "linked", passed: assertion.badge === badgeClass.id && badgeClass.issuer === profile.id },
    { name: "origin", passed: origin(assertion.id) !== undefined && origin(assertion.id) === origin(profile.id) },
    { name: "recipient", passed: RecipientIdentity.matches(recipient, published.award.recipient.value) },
    { name: "revoked", passed: published.status !== "revoked" },
    { name: "expired", passed: published.status !== "expired" }
  ]
  return { verified: checks.every((check) => check.passed), checks }
}
