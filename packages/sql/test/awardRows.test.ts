import {
  type AwardId,
  type BadgeDefinitionId,
  Evidence,
  type NewAward,
  type OrganisationId,
  Recipient
} from "@badge-engine/core"
import { DateTime, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { awardInsertRow, InsertedRow, madeAwardRow, readInserted } from "../src/internal/awardRows.js"

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

describe("the key and serial of awards inserted together", () => {
  const decode = Schema.decodeUnknownSync(InsertedRow)

  it("are what the schema decodes, with the serial as a number or a string", () => {
    for (const row of [{ id: "aw-1", serial: 7 }, { id: "aw-1", serial: "7" }]) {
      expect(readInserted(row)).toStrictEqual(decode(row))
    }
  })

  it("are refused where the schema refuses them, with its error", () => {
    for (const row of [{ id: "", serial: 7 }, { id: "aw-1", serial: "seven" }, { id: "a".repeat(101), serial: 1 }]) {
      const message = (() => {
        try {
          decode(row)
          return undefined
        } catch (error) {
          return (error as Error).message
        }
      })()
      expect(message).toBeDefined()
      expect(() => readInserted(row)).toThrow(message)
    }
  })
})

describe("the row of an award made at a shared instant", () => {
  it("is the same row when the instant's text is given", () => {
    expect(madeAwardRow(bare, undefined, "k", "2026-03-01T08:00:00.000Z")).toStrictEqual(
      awardInsertRow(bare, undefined, "k")
    )
  })
})
