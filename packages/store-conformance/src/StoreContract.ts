/**
 * The contract every `BadgeStore` adapter passes, written once and run against each of them.
 *
 * @since 0.1.0
 */
import type { BadgeStore } from "@badge-engine/core"
import { describe, layer } from "@effect/vitest"
import type { Layer } from "effect"
import { activities } from "./contract/activities.js"
import { awards } from "./contract/awards.js"
import { definitions } from "./contract/definitions.js"
import { grantsAndCodes } from "./contract/grantsAndCodes.js"
import { organisations } from "./contract/organisations.js"
import { races } from "./contract/races.js"

/**
 * Declares the suite for one adapter. The layer is built once for the suite; every test makes its own
 * organisation, so the tests do not depend on each other or on an empty database.
 */
export const storeContract = (name: string, store: Layer.Layer<BadgeStore, unknown>): void => {
  layer(store, { timeout: "60 seconds" })(`BadgeStore contract: ${name}`, (it) => {
    describe("organisations, issuers and programs", () => organisations(it))
    describe("badge definitions", () => definitions(it))
    describe("activities", () => activities(it))
    describe("awards", () => awards(it))
    describe("grants, claim codes and API keys", () => grantsAndCodes(it))
    describe("races settled by the database", () => races(it))
  })
}
