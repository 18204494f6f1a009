/**
 * The storage port of webhook endpoints and their delivery log.
 *
 * @since 0.1.0
 */
import { Context, type Effect, type Option } from "effect"
import type { StoreError } from "../Errors.js"
import type { OrganisationId, WebhookEndpointId } from "../Ids.js"
import type { WebhookAttempt, WebhookEndpoint } from "./WebhookEndpoint.js"

/** The webhooks port. */
export class WebhookStore extends Context.Tag("@badge-engine/core/WebhookStore")<WebhookStore, {
  readonly create: (endpoint: WebhookEndpoint) => Effect.Effect<WebhookEndpoint, StoreError>
  readonly get: (id: WebhookEndpointId) => Effect.Effect<Option.Option<WebhookEndpoint>, StoreError>
  /** Writes an existing endpoint's URL, event types, description and enabled flag; nothing when it is gone. */
  readonly save: (endpoint: WebhookEndpoint) => Effect.Effect<Option.Option<WebhookEndpoint>, StoreError>
  /** Removes an endpoint (its delivery log stays); false when there was none. */
  readonly remove: (id: WebhookEndpointId) => Effect.Effect<boolean, StoreError>
  /** An organisation's endpoints, oldest first. */
  readonly list: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<WebhookEndpoint>, StoreError>
  /** The enabled endpoints of any of these organisations. */
  readonly enabledFor: (
    organisationIds: ReadonlyArray<OrganisationId>
  ) => Effect.Effect<ReadonlyArray<WebhookEndpoint>, StoreError>
  readonly recordAttempt: (attempt: WebhookAttempt) => Effect.Effect<void, StoreError>
  /** An endpoint's attempts, newest first, at most `limit`. */
  readonly attempts: (
    endpointId: WebhookEndpointId,
    limit: number
  ) => Effect.Effect<ReadonlyArray<WebhookAttempt>, StoreError>
}>() {}
