/**
 * Claim codes: a secret code that people redeem for a badge, a limited number of times, until it expires (Badgr).
 * The code is derived from its id under a server secret (`ClaimCodeKeys`) and only its hash is stored: admins can
 * have it shown again, the database alone cannot. A person redeems a code once: a second redemption is a `Conflict`.
 *
 * @since 0.1.0
 */
import { Context, DateTime, Effect, Layer, Option, type Redacted, Schema } from "effect"
import { type Award, awardOf, type Recipient } from "../awards/Award.js"
import { AwardIssuing } from "../awards/AwardIssuing.js"
import { type AwardRefusal, AwardStore } from "../awards/AwardStore.js"
import type { BadgeDefinition } from "../definitions/BadgeDefinition.js"
import { DefinitionStore } from "../definitions/DefinitionStore.js"
import {
  ClaimCodeUnavailable,
  Conflict,
  DefinitionInactive,
  type Forbidden,
  type InvalidInput,
  NotFound,
  orNotFound,
  type StoreError
} from "../Errors.js"
import { BadgeAwarded, BadgeEvents, ClaimCodeRedeemed } from "../Events.js"
import { PositiveCount, StorableInstant, Text } from "../Fields.js"
import { type AwardId, BadgeDefinitionId, type ClaimCodeId, IdGenerator } from "../Ids.js"
import { Outbox } from "../outbox/Outbox.js"
import * as Patch from "../Patch.js"
import { ServerSecrets } from "../server-secrets/ServerSecrets.js"
import { Transactions } from "../Transactions.js"
import { decode } from "../Validation.js"
import { ClaimCode, ClaimCodePatch } from "./ClaimCode.js"
import * as ClaimCodeKeys from "./ClaimCodeKeys.js"
import * as ClaimCodePolicy from "./ClaimCodePolicy.js"
import { ClaimCodeStore } from "./ClaimCodeStore.js"

/** What a caller gives to make a code. */
export const NewClaimCode = Schema.Struct({
  definitionId: BadgeDefinitionId,
  label: Schema.optional(Text.pipe(Schema.maxLength(255))),
  limit: Schema.optional(PositiveCount),
  expiresAt: Schema.optional(StorableInstant)
})
/** @since 0.1.0 */
export type NewClaimCode = typeof NewClaimCode.Type

/** Why a code that gave no use at `now` was refused, read from its settings: else its uses ran out. */
export const refusal = (code: ClaimCode, now: DateTime.Utc): Exclude<ClaimCodeUnavailable["reason"], "unknown"> =>
  code.archivedAt !== undefined
    ? "archived"
    : !code.enabled
    ? "disabled"
    : code.expiresAt !== undefined && DateTime.lessThanOrEqualTo(code.expiresAt, now)
    ? "expired"
    : "exhausted"

/** Why a code cannot be redeemed at `now`, read from its settings and uses; nothing when it can be. */
export const unavailability = (
  code: ClaimCode,
  now: DateTime.Utc
): Exclude<ClaimCodeUnavailable["reason"], "unknown"> | undefined => {
  const reason = refusal(code, now)
  return reason !== "exhausted" || (code.limit !== undefined && code.uses >= code.limit) ? reason : undefined
}

/** The key that makes a code's award to a person once: a second redemption by the same person is a `Conflict`. */
export const redemptionKey = (id: ClaimCodeId, recipient: Recipient): string => `claim:${id}:${recipient.key}`

type Managing = NotFound | Forbidden | StoreError

/** The claim codes service. */
export class ClaimCodes extends Context.Tag("@badge-engine/core/ClaimCodes")<ClaimCodes, {
  /** Makes a code for a definition; the secret is in the result only, never stored or logged. */
  readonly create: (
    input: typeof NewClaimCode.Encoded
  ) => Effect.Effect<
    { readonly code: Redacted.Redacted<string>; readonly record: ClaimCode },
    InvalidInput | Conflict | DefinitionInactive | Managing
  >
  readonly get: (id: ClaimCodeId) => Effect.Effect<ClaimCode, Managing>
  /**
   * The code itself, derived again (admins). A code made before codes were derived, or whose secret was retired,
   * cannot be shown again: a `Conflict`.
   */
  readonly codeOf: (id: ClaimCodeId) => Effect.Effect<Redacted.Redacted<string>, Conflict | Managing>
  /** The code a person holds and the badge it gives, needing no role: the code is the permission. Unknown: `NotFound`. */
  readonly open: (
    code: Redacted.Redacted<string>
  ) => Effect.Effect<{ readonly code: ClaimCode; readonly definition: BadgeDefinition }, NotFound | StoreError>
  /** A code by the code itself, for managing it (admins): another organisation's or an unknown one is `NotFound`. */
  readonly byCode: (code: Redacted.Redacted<string>) => Effect.Effect<ClaimCode, Managing>
  /** The codes of a definition, oldest first. */
  readonly list: (definitionId: BadgeDefinitionId) => Effect.Effect<ReadonlyArray<ClaimCode>, Managing>
  /** A partial update of label, limit, expiry and enabled: absent fields stay, `null` clears. */
  readonly update: (
    id: ClaimCodeId,
    patch: typeof ClaimCodePatch.Encoded
  ) => Effect.Effect<ClaimCode, InvalidInput | Managing>
  readonly enable: (id: ClaimCodeId) => Effect.Effect<ClaimCode, Managing>
  readonly disable: (id: ClaimCodeId) => Effect.Effect<ClaimCode, Managing>
  /** Archives a code for good: it is kept, but never redeemed again. */
  readonly archive: (id: ClaimCodeId) => Effect.Effect<ClaimCode, Managing>
  /**
   * Redeems a code for a recipient: takes one use and makes the award, atomically. Uses never pass the limit,
   * however many redeem at once; an award that is refused gives its use back. The same recipient redeeming the same
   * code again is refused (`Conflict`, settled by the database), whatever the definition's `unique`.
   */
  readonly redeem: (
    code: Redacted.Redacted<string>,
    recipient: Recipient
  ) => Effect.Effect<Award, ClaimCodeUnavailable | NotFound | AwardRefusal | StoreError>
}>() {}

/** Builds the ClaimCodes service from the services and ports in context. */
export const make = Effect.gen(function*() {
  const store = yield* ClaimCodeStore
  const definitions = yield* DefinitionStore
  const awards = yield* AwardStore
  const issuing = yield* AwardIssuing
  const events = yield* BadgeEvents
  const outbox = yield* Outbox
  const transactions = yield* Transactions
  const ids = yield* IdGenerator
  const secrets = yield* ServerSecrets

  const definitionOf = (id: BadgeDefinitionId) => definitions.get(id).pipe(orNotFound("badge definition", id))

  const create = Effect.fn("ClaimCodes.create")(function*(raw: typeof NewClaimCode.Encoded) {
    yield* ClaimCodePolicy.manage
    const input = yield* decode(NewClaimCode)(raw)
    const definition = yield* definitionOf(input.definitionId)
    yield* ClaimCodePolicy.visible(definition.organisationId, "badge definition", definition.id)
    if (!definition.active) return yield* new DefinitionInactive({ definitionId: definition.id })
    const id = (yield* ids.make("code")) as ClaimCodeId
    const code = ClaimCodeKeys.derive(yield* secrets.current(ClaimCodeKeys.purpose), id)
    const record = yield* store.create(
      new ClaimCode({
        ...input,
        id,
        organisationId: definition.organisationId,
        codeHash: yield* ClaimCodeKeys.hashOf(code),
        uses: 0,
        enabled: true,
        createdAt: yield* DateTime.now
      }, { disableValidation: true })
    )
    return { code, record }
  })

  const codeOf = Effect.fn("ClaimCodes.codeOf")(function*(id: ClaimCodeId) {
    const record = yield* get(id)
    for (const secret of yield* secrets.live(ClaimCodeKeys.purpose)) {
      const code = ClaimCodeKeys.derive(secret, id)
      if ((yield* ClaimCodeKeys.hashOf(code)) === record.codeHash) return code
    }
    return yield* new Conflict({
      entity: "claim code",
      reason: "the code cannot be shown again: it was made before codes were derived, or its secret was retired",
      existingId: id
    })
  })

  const open = Effect.fn("ClaimCodes.open")(function*(code: Redacted.Redacted<string>) {
    const found = yield* store.findByHash(yield* ClaimCodeKeys.hashOf(code))
    if (Option.isNone(found)) return yield* new NotFound({ entity: "claim code", id: "[redacted]" })
    return { code: found.value, definition: yield* definitionOf(found.value.definitionId) }
  })

  const byCode = Effect.fn("ClaimCodes.byCode")(function*(code: Redacted.Redacted<string>) {
    yield* ClaimCodePolicy.manage
    const found = yield* store.findByHash(yield* ClaimCodeKeys.hashOf(code))
    if (Option.isNone(found)) return yield* new NotFound({ entity: "claim code", id: "[redacted]" })
    yield* ClaimCodePolicy.visible(found.value.organisationId, "claim code", found.value.id)
    return found.value
  })

  const get = Effect.fn("ClaimCodes.get")(function*(id: ClaimCodeId) {
    yield* ClaimCodePolicy.manage
    const code = yield* store.get(id).pipe(orNotFound("claim code", id))
    yield* ClaimCodePolicy.visible(code.organisationId, "claim code", id)
    return code
  })

  const list = Effect.fn("ClaimCodes.list")(function*(definitionId: BadgeDefinitionId) {
    yield* ClaimCodePolicy.manage
    const definition = yield* definitionOf(definitionId)
    yield* ClaimCodePolicy.visible(definition.organisationId, "badge definition", definitionId)
    return yield* store.list(definitionId)
  })

  /** Changes a code's settings under a row lock, so concurrent changes do not undo each other. */
  const change = (id: ClaimCodeId, f: (code: ClaimCode, now: DateTime.Utc) => ClaimCode) =>
    Effect.zipRight(
      ClaimCodePolicy.manage,
      transactions.run(Effect.gen(function*() {
        const code = yield* store.get(id, { forUpdate: true }).pipe(orNotFound("claim code", id))
        yield* ClaimCodePolicy.visible(code.organisationId, "claim code", id)
        return yield* store.save(f(code, yield* DateTime.now))
      }))
    )

  const update = Effect.fn("ClaimCodes.update")(function*(id: ClaimCodeId, raw: typeof ClaimCodePatch.Encoded) {
    const patch = yield* decode(ClaimCodePatch)(raw)
    return yield* change(id, (code) => new ClaimCode(Patch.apply(code, patch), { disableValidation: true }))
  })

  const set = (fields: Partial<ClaimCode>) => (code: ClaimCode) =>
    new ClaimCode({ ...code, ...fields }, { disableValidation: true })

  const redeem = Effect.fn("ClaimCodes.redeem")(function*(code: Redacted.Redacted<string>, recipient: Recipient) {
    const hash = yield* ClaimCodeKeys.hashOf(code)
    const now = yield* DateTime.now
    const { award, claimCode } = yield* transactions.run(Effect.gen(function*() {
      const taken = yield* store.takeUse(hash, now)
      if (Option.isNone(taken)) {
        const found = yield* store.findByHash(hash)
        return yield* new ClaimCodeUnavailable({
          reason: Option.isNone(found) ? "unknown" : refusal(found.value, now)
        })
      }
      const definition: BadgeDefinition = yield* definitionOf(taken.value.definitionId)
      const award = yield* awards.insert(
        awardOf(definition, {
          id: (yield* ids.make("award")) as AwardId,
          recipient,
          awardedAt: now,
          awardedBy: `claim-code:${taken.value.id}`,
          source: "claim",
          claimCodeId: taken.value.id
        }),
        { onceKey: redemptionKey(taken.value.id, recipient) }
      )
      yield* outbox.write([new BadgeAwarded({ award }), new ClaimCodeRedeemed({ claimCode: taken.value, award })])
      return { award, claimCode: taken.value }
    }))
    yield* events.publish([new ClaimCodeRedeemed({ claimCode, award })])
    yield* issuing.announce([award])
    return award
  })

  return ClaimCodes.of({
    create,
    get,
    codeOf,
    open,
    byCode,
    list,
    update,
    enable: (id) => change(id, set({ enabled: true })).pipe(Effect.withSpan("ClaimCodes.enable")),
    disable: (id) => change(id, set({ enabled: false })).pipe(Effect.withSpan("ClaimCodes.disable")),
    archive: (id) =>
      change(id, (code, now) => set({ archivedAt: code.archivedAt ?? now })(code)).pipe(
        Effect.withSpan("ClaimCodes.archive")
      ),
    redeem
  })
})

/** The claim codes service over the stores in context. */
export const layer: Layer.Layer<
  ClaimCodes,
  never,
  | ClaimCodeStore
  | DefinitionStore
  | AwardStore
  | AwardIssuing
  | Transactions
  | IdGenerator
  | ServerSecrets
  | BadgeEvents
  | Outbox
> = Layer.effect(ClaimCodes, make)
