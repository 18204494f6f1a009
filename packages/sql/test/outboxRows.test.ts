import { type EventId, type NewOutboxEntry, type OrganisationId, OutboxEntry } from "@badge-engine/core"
import { DateTime, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { newOutboxRow, outboxEntry, OutboxRow } from "../src/internal/jobRows.js"

const entry: NewOutboxEntry = {
  id: "evt-1" as EventId,
  organisationId: "org-1" as OrganisationId,
  type: "badge.awarded",
  orderingKey: "email:ann@example.org",
  occurredAt: DateTime.unsafeMake("2026-03-01T08:00:00.123Z"),
  data: { award: { id: "aw-1", serial: 7, recipient: { kind: "email", value: "Ann@Example.org" }, evidence: [] } }
}

const schemaRow = (value: NewOutboxEntry) => {
  const { position: _, ...row } = Schema.encodeSync(OutboxRow)(new OutboxEntry({ ...value, position: 0 }))
  return row
}

describe("the row of a new outbox entry", () => {
  it("is the row the outbox entry schema encodes", () => {
    for (const value of [entry, { ...entry, type: "grant.offered" as const, data: { grant: { id: "g-1" } } }]) {
      expect(newOutboxRow(value)).toStrictEqual(schemaRow(value))
    }
  })

  it("takes the text of a shared instant given for it", () => {
    expect(newOutboxRow(entry, "2026-03-01T08:00:00.123Z")).toStrictEqual(schemaRow(entry))
  })
})

describe("an outbox entry read", () => {
  const decode = Schema.decodeUnknownSync(OutboxRow)
  const row = { ...schemaRow(entry), position: 42 }

  it("is the entry the schema decodes, from either driver's columns", () => {
    for (
      const read of [
        row,
        { ...row, position: "42", occurred_at: new Date("2026-03-01T08:00:00.123Z") },
        { ...row, occurred_at: "2026-03-01 08:00:00.123+00" }
      ]
    ) {
      expect(outboxEntry(read)).toStrictEqual(decode(read))
      expect(outboxEntry(read)).toBeInstanceOf(OutboxEntry)
    }
  })

  it("refuses what the schema refuses, with its error", () => {
    for (
      const read of [
        { ...row, data: "{not json" },
        { ...row, occurred_at: "yesterday" },
        { ...row, type: "badge.lost" },
        { ...row, position: "many" },
        { ...row, id: null }
      ]
    ) {
      const message = (() => {
        try {
          decode(read)
          return undefined
        } catch (error) {
          return (error as Error).message
        }
      })()
      expect(message).toBeDefined()
      expect(() => outboxEntry(read)).toThrow(message)
    }
  })
})
