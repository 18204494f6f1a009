/**
 * The contract every store adapter passes, written once and run against each of them: every port of `Stores`.
 *
 * @since 0.1.0
 */
import type { Stores } from "@badge-engine/core"
import { describe, layer } from "@effect/vitest"
import type { Layer } from "effect"
import { activities } from "./contract/activities.js"
import { awards } from "./contract/awards.js"
import { badgekit } from "./contract/badgekit.js"
import { deepPages } from "./contract/deepPages.js"
import { definitions } from "./contract/definitions.js"
import { grantsAndCodes } from "./contract/grantsAndCodes.js"
import { images } from "./contract/images.js"
import { jobs } from "./contract/jobs.js"
import { openBadges } from "./contract/openBadges.js"
import { organisations } from "./contract/organisations.js"
import { outbox } from "./contract/outbox.js"
import { races } from "./contract/races.js"
import { serverSecrets } from "./contract/serverSecrets.js"
import { transactions } from "./contract/transactions.js"
import { webhooks } from "./contract/webhooks.js"

/**
 * Declares the suite for one adapter. The layer is built once for the suite; every test makes its own
 * organisation, so the tests do not depend on each other or on an empty database.
 */
export const storeContract = (name: string, stores: Layer.Layer<Stores, unknown>): void => {
  layer(stores, { timeout: "60 seconds" })(`Store contract: ${name}`, (it) => {
    describe("organisations, issuers and programs", () => organisations(it))
    describe("badge definitions", () => definitions(it))
    describe("activities", () => activities(it))
    describe("awards", () => awards(it))
    describe("awards: deep pages", () => deepPages(it))
    describe("grants, claim codes and API keys", () => grantsAndCodes(it))
    describe("server secrets", () => serverSecrets(it))
    describe("uploaded images", () => images(it))
    describe("issuer keys and status lists", () => openBadges(it))
    describe("jobs", () => jobs(it))
    describe("the outbox", () => outbox(it))
    describe("webhook endpoints and their delivery log", () => webhooks(it))
    describe("transactions", () => transactions(it))
    describe("races settled by the database", () => races(it))
    describe("BadgeKit: server-scoped slugs and consumer keys", () => badgekit(it))
  })
}
