/**
 * The HTTP suite, run over each store: real sockets, real requests.
 */
import type { Stores } from "@badge-engine/core"
import { describe, layer } from "@effect/vitest"
import type { Layer } from "effect"
import { activities } from "./activities.js"
import { badgefed } from "./badgefed.js"
import { badgefedEdges } from "./badgefedEdges.js"
import { badgefedGrants } from "./badgefedGrants.js"
import { badgekitPublicTests, badgekitTests } from "./badgekit.js"
import { badgekitDeleteTests } from "./badgekitDelete.js"
import { badgr } from "./badgr.js"
import { badgrAssertions } from "./badgrAssertions.js"
import { badgrBadgeClasses } from "./badgrBadgeClasses.js"
import { badgrClaimCodes } from "./badgrClaimCodes.js"
import { badgrImages } from "./badgrImages.js"
import { definitions } from "./definitions.js"
import { earnedBadges } from "./earnedBadges.js"
import { edges } from "./edges.js"
import { fuzz } from "./fuzz.js"
import { grants } from "./grants.js"
import { serverUnderTest } from "./harness.js"
import { hostile } from "./hostile.js"
import { openBadgesCredentials } from "./openBadgesCredentials.js"
import { openBadgesV2 } from "./openBadgesV2.js"
import { webhooks } from "./webhooks.js"

export const httpSuite = (name: string, store: Layer.Layer<Stores, unknown>) =>
  layer(serverUnderTest(store), { timeout: "60 seconds", excludeTestServices: true })(`HTTP over ${name}`, (it) => {
    describe("badge definitions v1", () => definitions(it))
    describe("earned badges v1", () => earnedBadges(it))
    describe("activities and progress", () => activities(it))
    describe("grants v1", () => grants(it))
    describe("authentication, errors, health and docs", () => edges(it))
    describe("BadgeFed: badges and credentials", () => badgefed(it))
    describe("BadgeFed: grants", () => badgefedGrants(it))
    describe("BadgeFed: error shape, badge images and v1 beside it", () => badgefedEdges(it))
    describe("Badgr v2: tokens, scopes, envelope and issuers", () => badgr(it))
    describe("Badgr v2: BadgeClasses", () => badgrBadgeClasses(it))
    describe("Badgr v2: Assertions", () => badgrAssertions(it))
    describe("Badgr v2: claim codes and assertions from every route", () => badgrClaimCodes(it))
    describe("Badgr v2: image uploads", () => badgrImages(it))
    describe("Open Badges 3.0: credentials, status lists, keys and baked images", () => openBadgesCredentials(it))
    describe("BadgeKit: hierarchy, badges and signing", () => badgekitTests(it))
    describe("BadgeKit: health check and public images", () => badgekitPublicTests(it))
    describe("BadgeKit: deleting systems, issuers and programs", () => badgekitDeleteTests(it))
    describe("hostile input: regressions", () => hostile(it))
    describe("hostile input at every endpoint", () => fuzz(it))
    describe("Open Badges 2.0: hosted, negotiated, revoked, baked", () => openBadgesV2(it))
    describe("webhooks and jobs v1", () => webhooks(it))
  })
