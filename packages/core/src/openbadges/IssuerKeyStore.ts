/**
 * The storage port of issuer keys. An organisation's generations are unique, kept so by the database: of many
 * processes making an organisation's next key at once, one succeeds.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { OrganisationId } from "../Ids.js"
import type { IssuerKey } from "./IssuerKey.js"

/** The issuer keys port. */
export class IssuerKeyStore extends Context.Tag("@badge-engine/core/IssuerKeyStore")<IssuerKeyStore, {
  /**
   * Stores a key unless its organisation has one of the same generation (`INSERT … ON CONFLICT DO NOTHING`): returns
   * it when stored, nothing when another got there first.
   */
  readonly insert: (key: IssuerKey) => Effect.Effect<Option.Option<IssuerKey>, StoreError>
  /** An organisation's keys, newest (highest generation) first. */
  readonly list: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<IssuerKey>, StoreError>
}>() {}
