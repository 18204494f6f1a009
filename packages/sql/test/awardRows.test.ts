import {
  type AwardId,
  type BadgeDefinitionId,
  Evidence,
  type NewAward,
  type OrganisationId,
  Recipient
} from "@badge-engine/core"
import { DateTime } from "effect"
import { describe, expect, it } from "vitest"
import { awardInsertRow, madeAwardRow } from "../src/internal/awardRows.js"

const at = DateTime.unsafeMake("2026-03-01T08:00:00.000Z")

const bare: NewAward = {
  id: "aw-1" as AwardId,
  organisationId: "org-1" as OrganisationId,
  definitionId: "bdg-1" as BadgeDefinitionId,
  recipient: Recipient.byId("pm-1"),
  awardedAt: at,
  awardedBy: "system",
  source: "rule",
  evidence: [],
  ruleVersion: 3
}

const full: NewAward = {
  ...bare,
  recipient: new Recipient({ kind: "email", value: "Ann@Example.org", name: "Ann" }),
  source: "manual",
  evidence: [new Evidence({ url: "https://example.org/work", narrative: "Ran the session" }), new Evidence({})],
  narrative: "For the spring sessions",
  expiresAt: DateTime.add(at, { days: 30 }),
  activityId: "act-1" as never,
  grantId: "grant-1" as never,
  claimCodeId: "claim-1" as never
}

describe("the row of an award the engine made", () => {
  it("is the row the award schema encodes, with and without the optional fields", () => {
    for (const award of [bare, full]) {
      for (const [slot, onceKey] of [[undefined, undefined], [award.recipient.key, "rule:bdg-1:id:pm-1"]] as const) {
        expect(madeAwardRow(award, slot, onceKey)).toStrictEqual(awardInsertRow(award, slot, onceKey))
      }
    }
  })
})
