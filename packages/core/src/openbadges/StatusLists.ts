/**
 * Revocation status lists (W3C Bitstring Status List): an award's bit is at its serial, so no index is allocated and
 * none can collide. The serials are split into lists of {@link listSize} bits, each organisation publishing its own
 * list for every range its awards fall in: list `n` holds serials `[n × size, (n + 1) × size)`.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import type { StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import { StatusListStore } from "./StatusListStore.js"

/** The bits in a list: 131,072 (16 KiB), the smallest the specification allows, for herd privacy. */
export const listSize = 131_072

/** Where an award's bit is: which list, and which bit in it. */
export interface StatusPosition {
  readonly list: number
  readonly index: number
}

/** The position of an award's bit, by its serial. */
export const positionOf = (serial: number): StatusPosition => ({
  list: Math.floor(serial / listSize),
  index: serial % listSize
})

/** The status lists service. */
export class StatusLists extends Context.Tag("@badge-engine/core/StatusLists")<StatusLists, {
  /**
   * The bitstring of an organisation's list: {@link listSize} bits, a revoked award's bit set; bit 0 is the most
   * significant bit of the first byte, as the specification orders them.
   */
  readonly bits: (organisationId: OrganisationId, list: number) => Effect.Effect<Uint8Array, StoreError>
}>() {}

/** Builds the status lists service from the port in context. */
export const make = Effect.gen(function*() {
  const store = yield* StatusListStore

  const bits = Effect.fn("StatusLists.bits")(function*(organisationId: OrganisationId, list: number) {
    const from = list * listSize
    const revoked = yield* store.revokedSerials(organisationId, from, from + listSize)
    const bytes = new Uint8Array(listSize / 8)
    for (const serial of revoked) {
      const index = serial - from
      bytes[index >> 3]! |= 0x80 >> (index & 7)
    }
    return bytes
  })

  return StatusLists.of({ bits })
})

/** The status lists service over the port in context. */
export const layer: Layer.Layer<StatusLists, never, StatusListStore> = Layer.effect(StatusLists, make)
